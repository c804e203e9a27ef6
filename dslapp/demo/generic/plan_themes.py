"""What an Early Help plan for a template child says, for each kind of need."""

from __future__ import annotations

from dataclasses import dataclass, field

from dslapp.demo.world import ATTENDANCE


@dataclass(frozen=True)
class PlanTheme:
    """An Early Help plan's content for one kind of need."""

    worries: str
    working_well: str
    family_view: str
    child_view: str
    goals: tuple[tuple[str, str, str, int], ...]
    """(what will change, who does what, how we will know, baseline 0–10)"""
    improved: tuple[str, ...]
    no_change: str
    worse: str
    voice_improved: str
    voice_no_change: str
    closing: str
    evidence: dict[str, list[str]] = field(default_factory=dict)
    taf_extra: str = ""


PLAN_THEMES = {
    "routines": PlanTheme(
        worries="{name} often arrives late, hungry and tired, and {pos} uniform has been unwashed on several days. "
        "{Mum} has "
        "described money worries and finding the mornings hard.",
        working_well="{Mum} is open with school and asked for help. {name} is loved and talks warmly about home, has "
        "good friends and enjoys school.",
        family_view="{Mum}: “I want to get on top of things. The mornings are the hardest part.”",
        child_view="I want to have breakfast at home and get to school before the bell.",
        goals=(
            (
                "{name} arrives by 08:50 having had breakfast, at least 4 days out of 5",
                "{Mum} sets out clothes and breakfast the night before; breakfast club place as back-up",
                "Register and breakfast club list, checked weekly by the family support worker",
                3,
            ),
            (
                "{name} has clean uniform every day",
                "Family support worker: uniform grant and the Family Hub laundry scheme",
                "Class teacher's weekly check",
                4,
            ),
            (
                "The family's money worries are eased",
                "Family support worker: benefits check and food bank referral with {mum}",
                "Benefits check done; {Mum}'s own rating at each review",
                2,
            ),
        ),
        improved=(
            "{name} now arrives on time most days having had breakfast at home; {pos} teacher says {sub} joins in more "
            "in the mornings. {Sub} told us “I have toast with {mum} now before school”.",
            "{name}'s attendance this half term is 97% and {sub} has had clean uniform every day this month. {Sub} "
            "told "
            "the ELSA {sub} is “not hungry in maths any more”.",
        ),
        no_change="Life has not yet improved for {name}: {sub} was late on 7 of the last 20 days and came in hungry on "
        "4 of them. The benefits check has not happened because the appointment was missed.",
        worse="Life has got harder for {name}: {sub} was late or absent on 9 of the last 20 days, came in hungry on "
        "most "
        "Mondays, and told {pos} teacher there was “no electric” at home at the weekend.",
        voice_improved="I like breakfast at home. I'm not tired now.",
        voice_no_change="It's still rushing in the mornings. I don't like being late 'cos everyone looks.",
        closing="{name}'s attendance rose to 97% and {sub} arrives fed and in clean uniform. {Mum} says mornings are "
        "calmer and money is more settled after the benefits check. {name} told us “mornings are nice now”.",
        evidence={
            "child_development": ["Hungry and tired on arrival several days a week", "Late; missing phonics"],
            "parenting_capacity": ["Basic care not consistently met", "{Mum} engaged and asking for help"],
            "family_environment": ["Low income; money worries", "Little support from wider family"],
        },
        taf_extra="Family Hub worker",
    ),
    "worries": PlanTheme(
        worries="{name} has been worried and tearful in school, with tummy aches and poor sleep, and finds it hard to "
        "leave {mum} in the mornings.",
        working_well="{name} has a trusted adult in school and a close friend. {Mum} is warm and wants to understand "
        "{pos} worries. {name} enjoys art and PE.",
        family_view="{Mum}: “I want {obj} to feel safe and happy at school and to sleep at night.”",
        child_view="I want the worry monster to be smaller. I want to sleep in my own bed.",
        goals=(
            (
                "{name} can name {pos} worries and use two calming strategies",
                "ELSA: six weekly sessions; worry box in class",
                "{name}'s own worry scale (0–10) each week",
                3,
            ),
            (
                "{name} says goodbye to {mum} calmly at the door most mornings",
                "Class teacher meets {name} at the side door; {Mum} keeps goodbyes short",
                "Calm mornings a week (teacher's log)",
                3,
            ),
            ("{name} sleeps through on most nights", "School nurse: sleep plan with {mum}", "{Mum}'s sleep diary", 4),
        ),
        improved=(
            "{name} comes into class calmly on most mornings and has not asked to go home with a tummy ache for three "
            "weeks. {Sub} told the ELSA “my worry monster is only small now”.",
            "{name} sleeps in {pos} own bed on most nights and has joined the lunchtime art club. {Pos} teacher sees "
            "{obj} put {pos} hand up in class, which {sub} did not do at the start of the plan.",
        ),
        no_change="Life has not improved for {name} yet: {sub} still cries at the door on most mornings and has been "
        "sent home unwell twice. {Sub} has had only two ELSA sessions because of staff absence.",
        worse="Life has got harder for {name}: {sub} has missed 6 days this half term with stomach pains (the GP found "
        "no physical cause) and told the ELSA {sub} is scared something bad will happen at home while {sub} is at "
        "school.",
        voice_improved="I use my breathing when I feel wobbly. It works.",
        voice_no_change="I still get the funny feeling in my tummy every morning.",
        closing="{name} now comes into school calmly, sleeps well and uses {pos} own strategies when worried. {Sub} "
        "told us “I'm brave now” and {Mum} says mornings at home are calm. The ELSA check-in carries on as universal "
        "support.",
        evidence={
            "child_development": ["Anxiety affecting attendance and sleep", "Stomach aches with no physical cause"],
            "parenting_capacity": ["{Mum} warm and responsive", "Needs advice on managing anxiety"],
            "family_environment": ["Recent loss or change in the family"],
        },
        taf_extra="School nurse",
    ),
    "attendance": PlanTheme(
        worries="{name}'s attendance is below 90%, with absences mostly on Mondays and Fridays and some first-day "
        "calls unanswered. {Sub} is falling behind in reading.",
        working_well="{name} is happy once in school and has good friends. {Mum} wants {obj} to do well and has "
        "started "
        "talking to school about the mornings.",
        family_view="{Mum}: “I know {sub} needs to be in school. Some days I can't get going.”",
        child_view="I like school when I get here. I want to be in the football team but you have to be in every day.",
        goals=(
            (
                "{name}'s attendance is 95% or above",
                "{Mum} phones by 08:45 on any day {name} is off; attendance officer checks weekly",
                "Weekly attendance figure",
                3,
            ),
            (
                "{name} catches up with {pos} reading",
                "Class teacher: daily reading with a TA for 6 weeks",
                "Reading age at the next assessment",
                4,
            ),
            (
                "The family has a morning routine that works",
                "Family support worker: morning routine plan and an alarm; walking bus from the corner of Example Lane",
                "On-time days a week",
                3,
            ),
        ),
        improved=(
            "{name} has been in school every day for the last four weeks and was picked for the football team. {Sub} "
            "told us “I'm in every day now and I scored”.",
            "{name}'s attendance this half term is 96% and {pos} reading has moved up two book bands; {sub} read to "
            "the "
            "headteacher and was proud of it.",
        ),
        no_change="Life has not improved for {name}: attendance is 86% this half term and {sub} has missed more "
        "reading "
        "sessions. Two first-day calls were not answered.",
        worse="Life has got harder for {name}: attendance has fallen to 79%, and on the days {sub} is in {sub} has "
        "arrived after 09:30. {Sub} told {pos} teacher {sub} stays home to keep {mum} company.",
        voice_improved="I like coming every day now. I got a certificate.",
        voice_no_change="Sometimes I just don't get up in time.",
        closing="{name}'s attendance has been above 95% for two terms and {pos} reading is back in line with {pos} "
        "class. {Sub} told us “school is my favourite place”. The morning routine is working without support.",
        evidence={
            "child_development": ["Attendance below 90%", "Falling behind in reading"],
            "parenting_capacity": ["Mornings a struggle for {mum}", "Wants {name} to do well"],
            "family_environment": ["No car; unreliable bus", "Low mood in the household"],
        },
        taf_extra=ATTENDANCE.label,
    ),
    "conflict": PlanTheme(
        worries="{name} has heard arguments between the adults at home, including one that led to a police call-out. "
        "{Sub} has been withdrawn in class and says {sub} worries about {mum}.",
        working_well="{Mum} has talked openly to school and contacted the domestic abuse service. {name} has a trusted "
        "adult in school and enjoys football club.",
        family_view="{Mum}: “I want the children to grow up in a calm home. I didn't know how much {name} was "
        "hearing.”",
        child_view="I want home to be quiet at night. I don't like the shouting.",
        goals=(
            (
                "{name} feels safe at home and can say so",
                "ELSA: sessions using the safe hands tool; {Mum} works with the domestic abuse service",
                "{name}'s own safety scale (0–10) at each review",
                3,
            ),
            (
                "{Mum} has a safety plan and support",
                "Fictionton Domestic Abuse Service outreach worker",
                "Safety plan in place; {Mum}'s own rating",
                2,
            ),
            (
                "{name} is settled and learning in class",
                "Class teacher: daily check-in at 08:50",
                "Teacher's weekly note",
                4,
            ),
        ),
        improved=(
            "{name} has been smiling and chatty in class and says home is calmer. {Sub} told the ELSA “there's no "
            "shouting now, we have film night on Fridays”.",
            "{name} has not been withdrawn in class for a month and rated feeling safe at home as 8 out of 10. {Mum} "
            "has a safety plan and the outreach worker visits fortnightly.",
        ),
        no_change="Life has not improved for {name}: {sub} told the ELSA the arguments at home are still happening "
        "most "
        "weekends, and {sub} is still quiet and tired on Mondays.",
        worse="Life has got harder for {name}: there has been a second police call-out, and {name} told {pos} teacher "
        "{sub} hid in the bathroom during the argument.",
        voice_improved="Home is quieter. I sleep better.",
        voice_no_change="They still shout at the weekend. I put my headphones on.",
        closing="No further incidents at home for five months. {name} rates feeling safe at home as 9 out of 10 and "
        "told us “home is happy now”. {Mum} carries on with the domestic abuse service's group.",
        evidence={
            "child_development": ["Withdrawn in class", "Worried about {mum}"],
            "parenting_capacity": ["{Mum} protective and engaging with support"],
            "family_environment": ["Domestic abuse: police call-out", "Conflict between adults at home"],
        },
        taf_extra="Domestic abuse outreach worker",
    ),
}
