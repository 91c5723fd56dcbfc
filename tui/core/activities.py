"""The activity catalogue: what each building block of a plan is, how to do it,
its default dose, what to watch for, and where the dose comes from.

All text is written for this project (facts from /work/shared/domain/CLINICAL.md).
The catalogue is self-care structure, not medical advice.
"""

from __future__ import annotations

from typing import NamedTuple

from tui.core.dose import Dose
from tui.core.errors import UnknownActivity
from tui.core.rules import DEFAULTS, percent, shown

_TOO_MUCH = shown(DEFAULTS["too_much_pain"])  # the thresholds in the text come from rules.py
_RUN_RISE = percent(DEFAULTS["weekly_run_increase"])


class Activity(NamedTuple):  # immutable; a NamedTuple costs a tenth of a dataclass at import
    id: str
    name: str
    kind: str
    summary: str
    steps: tuple[str, ...]
    dose: Dose
    cautions: tuple[str, ...]
    source: str
    impact: bool = False
    dose_source: str = ""  # where the default dose's figures come from; "a default" when no source gives them

    @property
    def timed(self) -> bool:
        """True when the default dose has a length a timer can count down."""
        return self.dose.timer_seconds() is not None


_SEE_CLINICIAN = (
    "Stop and see a clinician for numbness or tingling that keeps returning, "
    "pain at night or at rest, or swelling, warmth or redness."
)
_ICE_CAUTIONS = (
    "Twenty minutes is the ceiling for one sitting; stop sooner if the skin goes numb.",
    "Keep a thin cloth between the cold and your skin.",
    "Skip icing if your foot has reduced feeling or you have circulation problems.",
)
_MASSAGE_CAUTIONS = (
    "Use firm but comfortable pressure; it should never make the pain sharper.",
    "Work around a tender spot instead of digging into it.",
    _SEE_CLINICIAN,
)
_STRENGTH_CAUTIONS = (
    "Move slowly and stay in a range that keeps forefoot pain at 3/10 or less.",
    "Cramping in the arch means rest a minute, then do fewer reps.",
)

_ACTIVITIES: tuple[Activity, ...] = (
    Activity(
        id="rest",
        name="Rest day",
        kind="rest",
        summary="A day off from whatever hurts the ball of the foot, with the feet raised when you can.",
        steps=(
            "Drop the activity that provokes the pain, such as running or jump training",
            "Sit with your feet up for a while when the forefoot feels hot or achy",
            "Keep moving gently in ways that stay pain-free",
        ),
        dose=Dose(),
        cautions=("Rest is relative: total inactivity is not the goal.", _SEE_CLINICIAN),
        source="Source article; Mayo Clinic (rest and activity change)",
    ),
    Activity(
        id="cycling",
        name="Cycling",
        kind="cross-training",
        summary="An easy ride that keeps your fitness up without pounding the forefoot.",
        steps=(
            "Set the saddle so your knee stays slightly bent at the bottom of the stroke",
            "Push through the middle of the foot rather than the toes",
            "Ride at a relaxed effort where you could still hold a conversation",
            "Cut the session short if the forefoot starts to ache",
        ),
        dose=Dose(minutes=30),
        cautions=("Stiff-soled shoes spread the pedal pressure; avoid flimsy soles.",),
        source="Source article; Mayo Clinic (low-impact substitute for a run)",
        dose_source="30 min is a default: the sources say a similar length to the run it replaces, at an easy effort",
    ),
    Activity(
        id="swimming",
        name="Swimming",
        kind="cross-training",
        summary="Time in the pool as a low-impact stand-in for a run of similar length.",
        steps=(
            "Warm up with a few slow lengths in any stroke",
            "Swim at an easy, steady effort",
            "Go gentle on hard push-offs from the wall if they load the toes",
            "Finish with a couple of relaxed lengths",
        ),
        dose=Dose(minutes=30),
        cautions=("Wear pool shoes on deck if walking barefoot on tiles hurts.",),
        source="Source article; Mayo Clinic (low-impact substitute for a run)",
        dose_source="30 min is a default: the sources say a similar length to the run it replaces, at an easy effort",
    ),
    Activity(
        id="ice-pack",
        name="Ice pack",
        kind="ice",
        summary="A wrapped cold pack resting on the sore forefoot to calm pain and inflammation.",
        steps=(
            "Wrap the cold pack in a thin towel",
            "Sit with the foot raised and lay the pack over the painful area",
            "Check the skin every few minutes",
            "Take the pack off when the timer ends",
        ),
        dose=Dose(minutes=15, times_per_day=3),
        cautions=_ICE_CAUTIONS,
        source="Source article; Mayo Clinic; PT blog (bottle 5-10 min, pack 15-20)",
        dose_source="10-20 min, several times a day (source article; Mayo Clinic); 15 min, 3x a day is the middle "
                    "of it",
    ),
    Activity(
        id="frozen-bottle-roll",
        name="Frozen bottle roll",
        kind="ice",
        summary="Rolling the sole over a frozen water bottle, which cools and massages together.",
        steps=(
            "Freeze a plastic bottle of water and lay it on the floor under a thin towel",
            "Sit down and rest the sole of your foot on the bottle",
            "Roll it slowly from heel to toes and back",
            "Keep the pressure light under the ball of the foot",
        ),
        dose=Dose(minutes=8, times_per_day=2),
        cautions=_ICE_CAUTIONS,
        source="Source article; Mayo Clinic; PT blog (bottle 5-10 min, pack 15-20)",
        dose_source="5-10 min a sitting (PT blog); plans use it several times a day (source article; Mayo Clinic)",
    ),
    Activity(
        id="calf-stretch",
        name="Calf stretch",
        kind="stretch",
        summary="A wall stretch for the calf and Achilles, which eases the load on the forefoot.",
        steps=(
            "Face a wall with both hands on it and one foot a stride behind the other",
            "Keep the back heel down and the back knee straight",
            "Lean forward until you feel a stretch in the back calf",
            "Hold, relax, then switch legs",
        ),
        dose=Dose(hold_seconds=30, reps=3, times_per_day=2),
        cautions=("Stretch to mild tension, never to pain; do not bounce.",),
        source="AAOS conditioning programme (via clinics); clinic home programmes",
        dose_source="hold 30 s, 3 reps on each leg, 1-2x a day, 6-7 days a week (AAOS programme via clinics)",
    ),
    Activity(
        id="plantar-fascia-stretch",
        name="Plantar fascia and toe stretch",
        kind="stretch",
        summary="Pulling the toes back to stretch the sole and the base of the toes.",
        steps=(
            "Sit and cross the foot over the other knee",
            "Hold the toes and draw them gently back toward the shin",
            "Feel the stretch along the arch, then hold",
            "Let go slowly, repeat, then swap feet",
        ),
        dose=Dose(hold_seconds=15, reps=5, times_per_day=3),
        cautions=("Ease off if the ball of the foot hurts during the stretch.",),
        source="Froedtert patient sheet",
        dose_source="hold 10-15 s, several times a day (Froedtert); 5 holds a foot, 3x a day is a default within it",
    ),
    Activity(
        id="towel-curls",
        name="Towel curls",
        kind="strength",
        summary="Scrunching a towel toward you with the toes to build the small muscles of the foot.",
        steps=(
            "Sit with a small towel flat on the floor under your foot",
            "Curl your toes to pull the towel toward your heel",
            "Relax the toes, spread the towel out again and repeat",
        ),
        dose=Dose(reps=10),
        cautions=_STRENGTH_CAUTIONS,
        source="Clinic home programmes (intrinsic foot strength)",
        dose_source="10 reps (clinic home programmes)",
    ),
    Activity(
        id="marble-pickup",
        name="Marble pick-up",
        kind="strength",
        summary="Lifting marbles one at a time with the toes and dropping them into a cup.",
        steps=(
            "Scatter some marbles and place a cup on the floor",
            "Grip one marble with your toes",
            "Lift it and let it fall into the cup",
            "Carry on until the set is done, then swap feet",
        ),
        dose=Dose(sets=3, reps=10),
        cautions=_STRENGTH_CAUTIONS,
        source="Clinic home programmes (intrinsic foot strength)",
        dose_source="3 x 10 (clinic home programmes)",
    ),
    Activity(
        id="toe-splay",
        name="Toe splay",
        kind="strength",
        summary="Fanning the toes apart and holding them there to wake up the muscles between them.",
        steps=(
            "Sit with the foot flat and relaxed on the floor",
            "Spread all the toes as wide as they will go",
            "Hold the spread, then let the toes relax",
        ),
        dose=Dose(hold_seconds=5, reps=10),
        cautions=_STRENGTH_CAUTIONS,
        source="Clinic home programmes (toe spread / toe yoga)",
        dose_source="5 s x 10 (clinic home programmes)",
    ),
    Activity(
        id="short-foot",
        name="Short-foot exercise",
        kind="strength",
        summary="Lifting the arch by drawing the ball of the foot toward the heel without curling the toes.",
        steps=(
            "Sit with the foot flat and the toes long and relaxed",
            "Pull the ball of the foot toward the heel so the arch rises",
            "Keep the toes flat on the floor while you hold",
            "Release slowly; progress from sitting to standing, then to one leg",
        ),
        dose=Dose(hold_seconds=5, sets=3, reps=10),
        cautions=_STRENGTH_CAUTIONS,
        source="Okamura 2020, Gait & Posture (pilot RCT); 3x a week, progressive",
        dose_source="3x a week, progressing seated, standing, single leg (Okamura 2020); the 5 s hold and 3 x 10 "
                    "are a default (no figure given)",
    ),
    Activity(
        id="thumb-sweep",
        name="Thumb-sweep massage",
        kind="massage",
        summary="Sweeping strokes of both thumbs that travel from the toes back over the sole.",
        steps=(
            "Sit and hold the foot in both hands, thumbs on the sole",
            "Stroke down the length of each toe with medium pressure",
            "Sweep sideways over the ball of the foot",
            "Carry the strokes on through the arch and into the heel",
            "End with slow strokes that run over the entire sole",
        ),
        dose=Dose(minutes_per_foot=3),
        cautions=_MASSAGE_CAUTIONS,
        source="AMTA Massage Therapy Journal 2019 (via source article)",
        dose_source="3 min per foot is a default: the source gives the strokes, not a length",
    ),
    Activity(
        id="thumb-walk",
        name="Thumb-walk massage",
        kind="massage",
        summary="Stepping the thumbs one after the other from the heel up to the toes.",
        steps=(
            "Sit and hold the foot with both thumbs on the heel",
            "Press with one thumb, then the other, with medium pressure",
            "Inch forward up the sole in small alternating steps",
            "Stop at the base of the toes and start again at the heel",
        ),
        dose=Dose(minutes_per_foot=3),
        cautions=_MASSAGE_CAUTIONS,
        source="Source article (metatarsalgia massage)",
        dose_source="3 min per foot is a default: the source gives the technique, not a length",
    ),
    Activity(
        id="ball-roll",
        name="Ball roll",
        kind="massage",
        summary="Self-massage by rolling the sole of the foot back and forth over a small ball.",
        steps=(
            "Put a tennis ball, or a golf ball for firmer work, on the floor",
            "Rest the sole on it and roll slowly from heel to toes",
            "Lean your weight down for more pressure, lift off for less",
            "Steer around the sorest spot rather than rolling right on it",
        ),
        dose=Dose(minutes_per_foot=3),
        cautions=_MASSAGE_CAUTIONS,
        source="Source article (2-4 min per foot)",
        dose_source="2-4 min per foot (source article)",
    ),
    Activity(
        id="footwear-check",
        name="Footwear check",
        kind="footwear",
        summary="A quick look at the shoes you wear most, to spot the ones that crowd or jar the forefoot.",
        steps=(
            "Check the toe box is wide and deep enough to wiggle every toe",
            "Press the sole under the ball of the foot for worn-out cushioning",
            "Make sure there is room for an insole, metatarsal pad or arch support",
            "Set aside high heels and narrow pointed shoes for now",
        ),
        dose=Dose(minutes=5),
        cautions=(
            "A metatarsal pad goes just behind the sore joints, not under them.",
        ),
        source="Source article; Mayo Clinic; IPFH",
        dose_source="5 min is a default: a weekly look, no figure in the sources",
    ),
    Activity(
        id="callus-check",
        name="Callus check",
        kind="footwear",
        summary="A weekly look under the toes for hard skin that shows where the pressure lands.",
        steps=(
            "Look at the sole under the second to fourth toes in good light",
            "Note any new or thicker hard skin and which foot it is on",
            "Compare with last week and mention changes at your next check-in",
        ),
        dose=Dose(minutes=5),
        cautions=(
            "Do not cut or file calluses deeply yourself; ask a podiatrist.",
            _SEE_CLINICIAN,
        ),
        source="Source article (calluses under the 2nd-4th toes)",
        dose_source="weekly, 5 min is a default (the source says a weekly check)",
    ),
    Activity(
        id="walk-run",
        name="Walk-run intervals",
        kind="walk-run",
        summary="Alternating walking and short runs to bring running back step by step.",
        steps=(
            "Start only once brisk walking no longer hurts",
            "Walk, then jog gently, for the times shown, and repeat the cycle",
            "Keep a rest day between runs; run on level ground in sound shoes",
            "Repeat a step if pain or swelling lasts more than a day",
        ),
        dose=Dose(sets=3, walk_minutes=4, run_minutes=1),
        cautions=(
            f"Pain over {_TOO_MUCH}/10 during the session means stop and go back a step.",
            f"Raise weekly running by about {_RUN_RISE} at most.",
            _SEE_CLINICIAN,
        ),
        source="Silbernagel 2007 (pain monitoring); AOPT; published clinic walk-run protocol",
        impact=True,
        dose_source="3 x (4 min walk / 1 min run), 3 runs a week (published clinic walk-run protocol, week 1)",
    ),
    Activity(
        id="brisk-walk",
        name="Brisk walk test",
        kind="walk-run",
        summary="A brisk walk that checks whether the foot is ready for running again.",
        steps=(
            "Wear your most supportive shoes",
            "Walk at a quick pace on a flat route",
            "Rate forefoot pain during the walk and again the next morning",
            "Pain-free walks on several days mean you can try walk-run intervals",
        ),
        dose=Dose(minutes=30),
        cautions=(
            f"Pain over {_TOO_MUCH}/10 means stop, and walk less next time.",
            _SEE_CLINICIAN,
        ),
        source="AOPT (brisk walking pain-free before running); Silbernagel 2007",
        impact=True,
        dose_source="about 30 min without pain, the usual entry test in return-to-run protocols (AOPT)",
    ),
)

CATALOG: dict[str, Activity] = {activity.id: activity for activity in _ACTIVITIES}


def get_activity(activity_id: str) -> Activity:
    """The activity with this id; UnknownActivity (one line, with suggestions) otherwise."""
    try:
        return CATALOG[activity_id]
    except (KeyError, TypeError):
        pass
    import difflib  # only for a mistyped id

    close = difflib.get_close_matches(str(activity_id), list(CATALOG), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownActivity(
        f"unknown activity {str(activity_id)!r}; `rehab activities` lists them{hint}"
    )


def activities_by_kind(kind: str) -> list[Activity]:
    """Activities of one kind, in catalogue order."""
    return [activity for activity in CATALOG.values() if activity.kind == kind]
