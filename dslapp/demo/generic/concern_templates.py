"""Concern templates for the rest of the caseload, by how serious they are.

Placeholders: {name} {sub} {Sub} {obj} {pos} {Pos} {year} {age} {mum} {Mum} {carer} {staff} {time}.
{mum}/{Mum} is whoever the child lives with ("mum", "dad", or a foster carer's first name).
"""

from __future__ import annotations

from dataclasses import dataclass

from dslapp.models import Category, DslDecision, Severity


@dataclass(frozen=True)
class ConcernText:
    categories: tuple[Category, ...]
    what: str
    words: str = ""
    action: str = ""
    decision: DslDecision = DslDecision.MONITOR
    reasons: str = ""
    outcome: str = ""
    body_map: str = ""
    severity: Severity = Severity.MEDIUM
    significant: bool = False
    reporter: str = "teacher"
    hour: int = 10
    min_year: int = 0
    max_year: int = 6
    any_carer: bool = False
    """Reads right for a child living with foster or kinship carers too."""
    theme: str = ""
    """For an Early Help trigger: the plan theme that follows."""
    needs_mum: bool = False
    """Speaks of the child's mother as the main carer."""
    needs_adult: bool = False
    """Speaks of a second (male) adult at home: {adult} is how the child names him ("Dad", "Mum's boyfriend")."""


LOW_CONCERNS = (
    ConcernText(
        (Category.NEGLECT,),
        "At {time} in breakfast club {name} ate two bowls of cereal and asked {staff} for more toast. {Sub} said {sub} "
        "had not had tea the night before. {Pos} jumper had the same stains as the day before.",
        words="I only had crisps for tea 'cos there wasn't any food left.",
        action="Breakfast given. The DSL spoke to {mum} at pick-up: {Mum} said money is tight until payday and "
        "accepted "
        "a food bank voucher and help with a free school meals application.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="The first time {name} has said {sub} was hungry. {Mum} was open about the family's money worries and "
        "accepted help. Breakfast club place offered and the free school meals application made the same day. Any "
        "further concern will be read alongside this one.",
        reporter="breakfast",
        hour=8,
    ),
    ConcernText(
        (Category.NEGLECT,),
        "At {time} in PE {staff} saw that {name}'s school shoes had split along the sole and {pos} socks were wet "
        "through. {Sub} has worn the shoes with the split since before half term.",
        words="My shoes let the water in. {Mum} says I can have new ones when the money comes.",
        action="Spare socks and plimsolls given. The family support worker phoned {mum}, who said the family is "
        "waiting "
        "for a benefits payment; shoes bought from the school's welfare fund with {mum}'s agreement.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="A practical need linked to low income, met the same day, with {mum} engaged. No other concerns about "
        "{name}'s care. Check after the holidays that {sub} has suitable shoes and a coat.",
        reporter="pe",
        hour=13,
    ),
    ConcernText(
        (Category.PHYSICAL,),
        "At {time} {name} came into class with a graze and a yellow-green bruise, about 3 cm, on {pos} right knee, and "
        "a scratch on {pos} right palm.",
        words="I fell off my scooter going down the big hill. {Mum} put a plaster on it.",
        body_map="Right knee: graze with a bruise approx 3 cm, yellow-green. Right palm: superficial scratch.",
        action="Checked by the first aider. At pick-up {mum} gave the same account without being asked.",
        decision=DslDecision.NO_FURTHER_ACTION,
        reasons="Injuries on exposed, bony areas typical of a fall, with the same account from {name} (given freely) "
        "and "
        "{mum}. No previous injuries recorded. Not a safeguarding concern; recorded so that any pattern would be seen.",
        severity=Severity.LOW,
        hour=9,
        any_carer=True,
    ),
    ConcernText(
        (Category.ONLINE, Category.CHILD_ON_CHILD),
        "At {time} {name} told {staff} that children in a class group chat had been posting unkind messages about "
        "{obj}, including a photo of {obj} eating lunch with laughing emojis. {Sub} showed the messages on a friend's "
        "phone; staff did not copy them.",
        words="They keep putting laughing faces on my photo. I don't want to come in tomorrow.",
        action="{name} reassured and the DSL told. The parents of the children involved were asked to help remove the "
        "photo, which was deleted that evening. {Mum} told at pick-up.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="Online unkindness between pupils, dealt with under the anti-bullying policy. The photo is not an "
        "image "
        "of concern (fully clothed, at school). No concerns about {name}'s care at home. Class online safety session "
        "arranged.",
        hour=11,
        min_year=4,
        any_carer=True,
    ),
    ConcernText(
        (Category.ATTENDANCE,),
        "Attendance check at {time}: {name} has been late 9 times in the last 4 weeks, arriving between 09:05 and "
        "09:30, "
        "and has missed the start of phonics each time.",
        words="We had to wait for the bus and then it was full.",
        action="The attendance officer met {mum} at the gate the next morning: {Mum} said the bus is often full and "
        "the "
        "family has no car. Walking bus and a breakfast club place offered.",
        reasons="Lateness with a practical cause; {mum} engaged and took up the breakfast club place. The attendance "
        "officer reviews in 4 weeks and will tell the DSL if lateness continues or anything else comes up.",
        severity=Severity.LOW,
        reporter="attendance",
        hour=9,
        max_year=4,
    ),
    ConcernText(
        (Category.MENTAL_HEALTH,),
        "At {time} {name} asked to go to the office with a tummy ache for the third time this week. With the ELSA "
        "{sub} "
        "said {sub} worries that something bad will happen at home while {sub} is at school.",
        words="I get a funny feeling in my tummy when I'm not with {mum}.",
        action="ELSA session. {Mum} told at pick-up and agreed to six weekly ELSA sessions about worries.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="Worry affecting {name}'s time in school; no indication of harm. Supported through ELSA with {mum}'s "
        "agreement; the school nurse will be asked to help if the worries continue after the sessions.",
        reporter="elsa",
        any_carer=True,
    ),
    ConcernText(
        (Category.CHILD_ON_CHILD,),
        "At {time} on the playground two older pupils (named in their own records) took {name}'s hat and pushed {obj} "
        "against the fence when {sub} tried to get it back. {staff} saw the push.",
        words="They do it every day and say I can't play.",
        action="{staff} separated the children and checked {name} for injuries (none). The headteacher told both "
        "pupils' "
        "parents and led a restorative meeting. {Mum} told at pick-up.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="Bullying between pupils, dealt with under the behaviour and anti-bullying policies. No concerns about "
        "{name}'s care at home. Playground buddy arranged; check-in with {name} in a week.",
        severity=Severity.LOW,
        reporter="midday",
        hour=12,
        any_carer=True,
    ),
    ConcernText(
        (Category.EMOTIONAL,),
        "At {time} at the school gate {staff} heard {carer} shout at {name}, “You're useless, get in there”, when "
        "{name} "
        "dropped {pos} book bag. {name} cried and went in without saying goodbye.",
        words="{Mum}'s just stressed. It's fine.",
        action="{name} settled in class by a TA. The DSL phoned {mum} at 11:00 in a supportive way: {Mum} said it had "
        "been a hard morning and was upset about how it had gone.",
        reasons="One incident, and {mum} reflected on it when spoken to. No other concerns recorded. Family Hub "
        "parenting support details given. Any further concern will be read alongside this one.",
        reporter="office",
        hour=8,
    ),
    ConcernText(
        (Category.NEGLECT,),
        "At {time} {name} was holding {pos} cheek in class and did not eat lunch. {Sub} said a back tooth had hurt for "
        "more than a week; the tooth is visibly dark.",
        words="It hurts when I eat. {Mum} said we can't find a dentist.",
        action="School nurse asked for advice; emergency dental line details passed to {mum}, who phoned the same "
        "afternoon and got an appointment for the next day.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="An unmet health need; {mum} acted on the advice straight away. Check with {name} next week that the "
        "treatment happened.",
        outcome="{name} saw the emergency dentist and the tooth was treated (confirmed by {mum}).",
        hour=11,
    ),
    ConcernText(
        (Category.ONLINE,),
        "At {time} during carpet time {name} told {staff} about a video {sub} had watched on an older cousin's phone "
        "in "
        "which people were being hurt. {Sub} said it gave {obj} bad dreams.",
        words="There was blood and people screaming. I can't stop thinking about it.",
        action="{name} reassured. The DSL phoned {mum}, who had not known and agreed to speak to the cousin's parents "
        "and "
        "set up parental controls on the family tablet.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="Exposure to harmful content on a relative's device; {mum} responded protectively. Online safety "
        "advice "
        "given to the family. No further action needed beyond support.",
        hour=9,
        max_year=3,
        any_carer=True,
    ),
)

MEDIUM_CONCERNS = (
    ConcernText(
        (Category.NEGLECT,),
        "At {time} {name} fell asleep at {pos} table and was hard to wake, the fourth time in two weeks. {Sub} has "
        "been "
        "late on 6 of the last 10 days and has come in without a packed lunch 3 times.",
        words="I go to bed when {mum} goes to bed. I watch videos on the tablet till then.",
        action="Quiet space and a snack. The DSL met {mum} after school: {Mum} said {name} will not settle and the "
        "family are living with a relative while waiting for housing. Early Help offered and agreed.",
        decision=DslDecision.EARLY_HELP,
        reasons="A pattern of tiredness, lateness and missed lunches affecting {name}'s learning, linked to the "
        "family's "
        "circumstances. {Mum} agreed to Early Help. Not a MASH enquiry at this stage: needs are not being met "
        "consistently, but {mum} is asking for help and the plan will be reviewed within 6 weeks.",
        significant=True,
        theme="routines",
    ),
    ConcernText(
        (Category.NEGLECT,),
        "{name} was not collected at 15:15. The office phoned {mum} and both emergency contacts from 15:30 with no "
        "answer. {carer} arrived at 16:40 and said the phone had run out of charge. This is the third late collection "
        "this half term.",
        words="Is {mum} coming? Last time I waited until it was dark.",
        action="{name} waited with the office manager and had a snack. The DSL phoned {mum} the next morning to talk "
        "about what had happened and offered Early Help; {mum} agreed.",
        decision=DslDecision.EARLY_HELP,
        reasons="The third late collection this half term, with {name} worried about being left. {Mum} described "
        "feeling overwhelmed and accepted Early Help. No indication that {name} has been left alone at home, which "
        "would prompt a MASH enquiry.",
        significant=True,
        reporter="office",
        hour=15,
        theme="routines",
    ),
    ConcernText(
        (Category.DOMESTIC_ABUSE,),
        "Operation Encompass notification at {time}: police attended {name}'s home at 23:15 the previous night after a "
        "report of a verbal argument between the adults. No arrest. {name} was at home and awake.",
        words="I heard shouting and a bang. I put my pillow over my head.",
        action="Class teacher told (need to know) so {name} had a calm start; {name} chose to spend the first lesson "
        "with the ELSA and said the words recorded here. The DSL phoned {mum} privately later that day and offered "
        "support, including the Fictionton Domestic Abuse Service's number.",
        decision=DslDecision.CONSULTATION,
        reasons="A police notification of domestic abuse with {name} present. The consultation line (11:40) advised "
        "Early Help with consent, and a MASH enquiry if there is any further incident or any sign of physical harm. "
        "{Mum} agreed to Early Help.",
        significant=True,
        reporter="police",
        hour=8,
        theme="conflict",
    ),
    ConcernText(
        (Category.EMOTIONAL,),
        "During a circle time activity at {time} {name} said {sub} was “the reason everyone at home is sad”. "
        "Afterwards "
        "{sub} told {staff} what is said to {obj} at home.",
        words="When I get things wrong they say I ruin everything and nobody wants me.",
        action="{name} reassured; the DSL told at once. The DSL spoke to {mum} after school: {Mum} said things have "
        "been "
        "hard since the new baby and agreed to parenting support.",
        decision=DslDecision.CONSULTATION,
        reasons="Signs of emotional harm: {name}'s account of repeated rejecting comments. The consultation line "
        "advised "
        "Early Help with a parenting programme, and a MASH enquiry if {name} says more or nothing changes. {Mum} "
        "agreed.",
        significant=True,
        theme="worries",
    ),
    ConcernText(
        (Category.ATTENDANCE,),
        "Attendance review at {time}: {name}'s attendance this term is 84% (14 sessions missed, 10 unauthorised), "
        "mostly Mondays and Fridays; three first-day calls were not answered.",
        words="Sometimes {mum} is too tired to get up and I stay home and play.",
        action="The attendance officer and the DSL met {mum} the same day. {Mum} described low mood and difficulty "
        "with mornings and agreed to an Early Help assessment.",
        decision=DslDecision.EARLY_HELP,
        reasons="Attendance below 90% with a pattern, and {name} describing staying at home when {mum} is unwell. "
        "Early "
        "Help agreed. A home visit will be made on any day {name} is absent without contact (children missing "
        "education procedure).",
        significant=True,
        reporter="attendance",
        hour=9,
        theme="attendance",
    ),
    ConcernText(
        (Category.MENTAL_HEALTH,),
        "At {time} {name} wrote on a worksheet that {sub} wished {sub} could “go to sleep and not wake up”. When "
        "{staff} "
        "asked about it, {sub} said {sub} has felt like this since {pos} grandad died.",
        words="I miss grandad. Sometimes I think it would be easier if I wasn't here.",
        action="{staff} stayed with {name} and brought {obj} straight to the DSL. The school nurse asked {name} "
        "directly "
        "about thoughts of ending {pos} life: no plan or intent. {Mum} came in at 14:00; a safety plan was agreed and "
        "a "
        "GP appointment made for the same week.",
        decision=DslDecision.CONSULTATION,
        reasons="Passive thoughts of death in a child, linked to bereavement. CAMHS duty line consulted at 13:15: no "
        "immediate risk; advised a GP referral, bereavement support, and Early Help if the family wants it. {Mum} "
        "agreed to both.",
        severity=Severity.HIGH,
        significant=True,
        min_year=4,
        theme="worries",
    ),
    ConcernText(
        (Category.NEGLECT,),
        "Planned home visit at {time} by the family support worker: dirty dishes and food waste across the kitchen, no "
        "bedding on {name}'s mattress, and only milk and margarine in the fridge. {name} was at home, clean and "
        "dressed.",
        words="I sleep with my coat on 'cos it's cold.",
        action="The family support worker talked with {mum} about what she had seen: {Mum} said things got on top of "
        "the family after losing work. Bedding and a food parcel delivered the next day through the Family Hub.",
        decision=DslDecision.EARLY_HELP,
        reasons="Home conditions and basic care below what {name} needs. {Mum} was open and accepted help, and the "
        "immediate gaps were met within a day. Early Help to tackle the causes (money, low mood). A MASH enquiry if "
        "conditions have slipped back at the unannounced visit in two weeks.",
        significant=True,
        reporter="fsw",
        hour=16,
        theme="routines",
    ),
)

HIGH_CONCERNS = (
    ConcernText(
        (Category.PHYSICAL,),
        "When changing for PE at {time}, {staff} saw three oval bruises in a row, blue-purple, about 1 cm each, on the "
        "back of {name}'s right upper arm.",
        words="{adult} grabbed me 'cos I wouldn't turn the telly off. He does it when he's cross.",
        body_map="Back of right upper arm: three oval bruises approx 1 cm each in a line, blue-purple. Photographs not "
        "taken (school policy).",
        action="{staff} did not ask further questions, wrote down {name}'s words and told the DSL within 15 minutes.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="Bruising in a gripping pattern on a soft area, with {name}'s account naming an adult in the household "
        "and describing it as something that happens when he is cross. Phoned the MASH; {mum} told afterwards on the "
        "MASH's advice.",
        severity=Severity.HIGH,
        significant=True,
        reporter="pe",
        needs_adult=True,
    ),
    ConcernText(
        (Category.DOMESTIC_ABUSE,),
        "At {time}, while drawing a picture of home, {name} told {staff} about the night before. {Sub} was quiet and "
        "did not want to go out at playtime.",
        words="{adult} pushed mum and she fell on the glass table and there was blood. I hid in the bathroom.",
        action="{staff} listened, did not ask leading questions and told the DSL at once. {name} stayed with {pos} key "
        "adult.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="Disclosure of physical domestic abuse with injury, which {name} saw. Phoned the MASH straight away; "
        "{mum} was told afterwards with the MASH's agreement, privately, with domestic abuse service support offered.",
        severity=Severity.HIGH,
        significant=True,
        needs_mum=True,
        needs_adult=True,
    ),
    ConcernText(
        (Category.NEGLECT,),
        "At {time} {name} told {staff} that {sub} and a younger sibling were at home on their own the evening before "
        "until after dark.",
        words="{Mum} went out and I had to look after the baby. We had cereal for tea.",
        action="{staff} told the DSL at once. The DSL phoned the MASH at 11:10, then {mum}, who said she had gone to "
        "the shop for “ten minutes”.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="A young child left in charge of a baby, on {name}'s account for several hours, with earlier concerns "
        "about basic care. Risk of significant harm: MASH enquiry the same morning.",
        severity=Severity.HIGH,
        significant=True,
        min_year=1,
        needs_mum=True,
    ),
    ConcernText(
        (Category.EMOTIONAL, Category.PHYSICAL),
        "At {time} {name} arrived with cold, red feet and no socks. {Sub} told {staff} why.",
        words="When I'm bad I have to stand in the garden with no shoes until they say. Last night it was dark.",
        action="Warmed up and given spare socks and shoes; the first aider checked {pos} feet (red, no injury). DSL "
        "told at 09:10 and phoned the MASH at 09:30.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="A punishment that is cruel and could cause harm, described by {name} as happening more than once. "
        "MASH "
        "enquiry made; the MASH asked school not to tell the parents until they had spoken.",
        severity=Severity.HIGH,
        significant=True,
        reporter="ta",
        hour=9,
    ),
)

LOOKED_AFTER_CONCERNS = (
    ConcernText(
        (Category.EMOTIONAL,),
        "The morning after supervised contact with {pos} birth mother, {name} refused to come into class at {time} and "
        "hid in the coat area for 20 minutes. When calm, {sub} told {staff} what had upset {obj}.",
        words="My mummy said I'm coming home soon. Am I?",
        action="Key adult stayed with {name} until {sub} was ready to come in. {Mum} (foster carer) told at pick-up; "
        "shared with the social worker by phone.",
        decision=DslDecision.INFORM_SOCIAL_WORKER,
        reasons="{name} is looked after with an allocated social worker: what is said at contact is for the social "
        "worker and IRO. No concerns about {pos} care in placement.",
        significant=True,
        hour=9,
        any_carer=True,
    ),
    ConcernText(
        (Category.MENTAL_HEALTH,),
        "At {time} {name} asked {staff} why {sub} cannot live with {pos} brother, who is placed with other carers. "
        "{Sub} "
        "was tearful for the rest of the lesson.",
        words="Why can't I live with my brother? I only see him at contact and it's not fair.",
        action="ELSA time that afternoon. Shared with the social worker the same day so that {name}'s questions can be "
        "answered in {pos} life story work.",
        decision=DslDecision.INFORM_SOCIAL_WORKER,
        reasons="{name}'s wishes about sibling contact are for the social worker and IRO to hear and respond to.",
        severity=Severity.LOW,
        reporter="elsa",
        any_carer=True,
    ),
)
