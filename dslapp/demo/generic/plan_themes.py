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
    enquiry: dict[str, str] = field(default_factory=dict)
    """The DSL's answers on a MASH enquiry that asks for this kind of help (form key → text)."""


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
        enquiry={
            "type_of_request": "Request for targeted Early Help (Level 3): help for the family with money, routines "
            "and basic care",
            "impact_on_child": "{name}'s basic needs are not met consistently: on several days a week {sub} comes to "
            "school tired, hungry or without what {sub} needs, misses the start of lessons and is falling behind. "
            "{Sub} notices it and has talked about it to staff.",
            "parenting_capacity": "{Mum} loves {name} and is open with school, but is not managing the basics (meals, "
            "sleep, clean clothes, getting to school on time) under the pressure of money worries.",
            "family_environment": "Low income and money worries; little help from wider family nearby. {Mum} has said "
            "the family's circumstances have got on top of them.",
            "what_has_been_tried": "In school: breakfast club, spare uniform, snacks, and talks with {mum}, who has "
            "been open about the difficulties. Things improve for a few days and then slip back.",
            "strengths": "{Mum} asks for help and accepts it. {name} is loved, talks warmly about home, has good "
            "friends and enjoys school.",
            "child_views": "{name} says {sub} wants to have breakfast at home and get to school before the bell, and "
            "that {sub} does not like being late “'cos everyone looks”.",
            "parents_views": "{Mum} asked for this enquiry and agreed to it: {Mum} wants help with money, mornings and "
            "the home, and said “I want to get on top of things”.",
            "hoped_for": "A lead practitioner and a TAF plan with {mum}: a benefits check, help with routines, and "
            "{name} arriving fed, rested and on time.",
        },
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
        enquiry={
            "type_of_request": "Request for targeted Early Help (Level 3): support for {name}'s worries and "
            "wellbeing, and advice for the family",
            "impact_on_child": "{name} is anxious and unhappy: {sub} has stomach aches and poor sleep, finds it hard "
            "to leave {mum} in the morning and is missing learning. {Sub} has said things about {obj}self that worry "
            "the staff who know {obj} best.",
            "parenting_capacity": "{Mum} is warm and responsive and came in straight away when asked, but needs "
            "advice and support to help {name} with {pos} worries and feelings at home.",
            "family_environment": "Changes in the family this year have put everyone under strain, and there is "
            "little support nearby.",
            "what_has_been_tried": "Check-ins with a trusted adult, a worry box in class, and a GP appointment "
            "suggested to {mum}. They help on the day, but the worries come back.",
            "strengths": "{name} has a trusted adult in school and a close friend, and enjoys art and PE. {Mum} is "
            "warm and wants to understand what is troubling {obj}.",
            "child_views": "{name} says {sub} would like the “worry monster” to be smaller and to sleep in {pos} own "
            "bed, and that the mornings are the worst part.",
            "parents_views": "{Mum} agreed to the enquiry and wants {name} to feel safe and happy at school and to "
            "sleep at night. {Mum} would welcome advice on helping at home.",
            "hoped_for": "Targeted Early Help: emotional support for {name} (ELSA or counselling), a sleep plan with "
            "the school nurse, and support for {mum}, reviewed with the family every six weeks.",
        },
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
        enquiry={
            "type_of_request": "Request for targeted Early Help (Level 3): attendance and family support",
            "impact_on_child": "{name} misses school in a pattern, mostly Mondays and Fridays, and is falling behind "
            "in reading. On the days {sub} stays at home {sub} is with an adult who is struggling, and {sub} misses "
            "time with {pos} friends.",
            "parenting_capacity": "{Mum} wants {name} to do well but finds the mornings very hard, and first-day "
            "calls have gone unanswered. {Mum} has described low mood.",
            "family_environment": "No car and an unreliable bus; low mood in the household; little help from wider "
            "family.",
            "what_has_been_tried": "First-day calls, an attendance meeting with the attendance officer and {mum}, "
            "and a reminder of the school's attendance policy. Attendance rose for a week and then fell again.",
            "strengths": "{name} is happy once in school, has good friends and wants to be in the football team. "
            "{Mum} has started talking to school about the mornings.",
            "child_views": "{name} says {sub} likes school when {sub} gets here, and wants to be in the football "
            "team “but you have to be in every day”.",
            "parents_views": "{Mum} agreed to the enquiry: “I know {sub} needs to be in school. Some days I can't get "
            "going.” {Mum} would like help.",
            "hoped_for": "A lead practitioner and a TAF plan: a morning routine that works, help for {mum}'s low mood "
            "through the GP, and {name}'s attendance back above 95%.",
        },
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
        enquiry={
            "type_of_request": "Request for targeted Early Help (Level 3): domestic abuse support for the family",
            "impact_on_child": "{name} has heard arguments between the adults at home, including the night the "
            "police were called. {Sub} is withdrawn in class, tired after weekends, and worries about {mum} while "
            "{sub} is at school.",
            "parenting_capacity": "{Mum} is protective and has been open with school about what happens at home, and "
            "needs support to keep the family safe and to help {name} with what {sub} has heard.",
            "family_environment": "Conflict and domestic abuse between the adults at home; one police call-out known "
            "to the school through Operation Encompass.",
            "what_has_been_tried": "A calm start and time with the ELSA after the police notification; the domestic "
            "abuse service's number given to {mum}; advice from the consultation line.",
            "strengths": "{Mum} has talked openly to school and contacted the domestic abuse service. {name} has a "
            "trusted adult in school and enjoys football club.",
            "child_views": "{name} said: “I heard shouting and a bang. I put my pillow over my head.” {Sub} wants "
            "home to be quiet at night.",
            "parents_views": "{Mum} agreed to the enquiry and wants the children to grow up in a calm home, and said "
            "“I didn't know how much {name} was hearing.”",
            "hoped_for": "Early Help alongside the domestic abuse service: a safety plan for the family, ELSA support "
            "for {name}, and a review within six weeks, with a MASH enquiry at once after any further incident.",
        },
    ),
}
