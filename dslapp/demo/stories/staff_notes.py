"""The DSL's own notes in the stories: supervision on Evie, Łucja, Lily and Jayden, and two learning briefs."""

from __future__ import annotations

import uuid
from datetime import timedelta

from dslapp.demo.build_state import BuildState
from dslapp.demo.school_calendar import local_time
from dslapp.demo.world import SUPERVISOR
from dslapp.models import LearningNote, Record, SupervisionNote
from dslapp.models.supervision import FollowUp


def staff_notes(d: BuildState) -> list[Record]:
    """Supervision and learning notes (not tied to one child; linked to children in the demo where present)."""

    def linked(*keys: str) -> list[uuid.UUID]:
        return [d.story_children[k] for k in keys if k in d.story_children]

    first, second = d.school_day(63), d.school_day(21)
    published = d.ago(220)
    return [
        SupervisionNote(
            **d.stamp(local_time(first, 16)),
            held_on=first,
            supervisor=SUPERVISOR.label,
            child_ids=linked("evie", "lucja"),
            reflections="Talked through Evie's escalation. I accepted the MASH's first answer for a day before "
            "challenging it; the earlier facial mark only came back to mind when I read her chronology. Also "
            "reflected on the impact on me and on Mrs Proofe of Łucja's disclosure: Mrs Proofe has had a debrief.",
            do_differently="Read the child's chronology before every MASH call, and say the pattern out loud on the "
            "call. Ask in every MASH conversation: who will speak to the child?",
            actions=[
                FollowUp(
                    what="Debrief for Mrs Proofe with the headteacher",
                    due=first + timedelta(days=7),
                    done_on=first + timedelta(days=3),
                ),
                FollowUp(
                    what="Add 'read the chronology first' to the referral checklist",
                    due=first + timedelta(days=14),
                    done_on=first + timedelta(days=10),
                ),
            ],
        ),
        SupervisionNote(
            **d.stamp(local_time(second, 16)),
            held_on=second,
            supervisor=SUPERVISOR.label,
            child_ids=linked("lily", "jayden"),
            reflections="Lily's Early Help plan: two reviews with no change, and a pull to give it “one more review” "
            "because mum is warm in meetings. My supervisor asked what a day in Lily's life is like: she gets herself "
            "up, dressed and fed, and gives her brother his milk. Agreed it is time to step up. Also looked at Jayden: "
            "neglect concerns in recent weeks, each with a reasonable explanation on its own.",
            do_differently="Read every new neglect concern against the child's chronology before deciding. No "
            "“monitor” without a date and a named person. Step up after two no-change reviews unless the reason not "
            "to is written down.",
            actions=[
                FollowUp(
                    what="MASH enquiry for Lily", due=second + timedelta(days=2), done_on=second + timedelta(days=1)
                ),
                FollowUp(what="Offer Jayden's mum an Early Help conversation", due=d.ago(5)),
            ],
        ),
        LearningNote(
            **d.stamp(local_time(published + timedelta(days=12), 16)),
            title="“Persistent” is not a reason to wait: cumulative neglect (fictional learning brief)",
            source="Fictionton Safeguarding Children Partnership: CSPR “Child F” (fictional, for the demo)",
            published_on=published,
            key_messages="Each neglect concern was explained on its own and no referral was made until harm had "
            "happened. Practitioners waited for neglect to become “persistent”. Nobody asked what a day in Child F's "
            "life was like.",
            questions="Could this happen here? Which of our children have three or more neglect concerns in 90 days "
            "without a referral? Do our records say why we did not refer?",
            tags=["neglect", "cumulative harm", "threshold", "child's lived experience"],
            what_we_will_change="DSL team reviews the cumulative neglect alert every Monday. Decisions not to refer "
            "always record the reasons and a review date.",
            actions=[
                FollowUp(
                    what="Staff briefing on cumulative neglect",
                    due=published + timedelta(days=40),
                    done_on=published + timedelta(days=35),
                )
            ],
        ),
        LearningNote(
            **d.stamp(local_time(published + timedelta(days=60), 16)),
            title="How has life improved for the child? (TAF reviews)",
            source="Fictionton Safeguarding Children Partnership: thematic review of Early Help (fictional)",
            published_on=published + timedelta(days=45),
            key_messages="TAF reviews recorded services delivered (sessions attended, referrals made) rather than "
            "changes in the child's life. Plans drifted for months without anyone asking the child.",
            questions="Does every review we chair start with the child's lived experience, in their words? When life "
            "has not improved, do we revise the goals and consider a MASH enquiry?",
            tags=["early help", "TAF", "child's voice", "drift"],
            what_we_will_change="The family support worker asks the child for their views before every review and "
            "the review opens with them.",
            actions=[
                FollowUp(
                    what="Update the TAF review template",
                    due=published + timedelta(days=75),
                    done_on=published + timedelta(days=70),
                )
            ],
        ),
    ]
