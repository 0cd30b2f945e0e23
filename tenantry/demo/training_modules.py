"""The demo network's two e-learning modules: plain-language pages and a short quiz each.

The facts follow ../shared/REFERENCE.md (the Right to Manage, the Tenant Satisfaction Measures)
and the Guide to Best Value for TMOs (../shared/seeds/003_…)."""

WHAT_A_TMO_DOES = {
    "slug": "what-a-tmo-does",
    "title": "What a TMO does",
    "summary": "Who owns the homes, who runs the services, and how tenants stay in charge.",
    "minutes": 15,
    "pass_mark": 4,
    "skills": ["governance", "housing_management"],
    "pages": [
        (
            "A TMO in one sentence",
            "A tenant management organisation, or TMO, is a group of tenants and "
            "leaseholders who run some of the services for their own homes.\n\n"
            "The landlord still owns the homes. The council or housing association is still "
            "the landlord. What changes is who does the day-to-day work, and who decides how "
            "it is done.\n\n"
            "Some TMOs look after a single block. Others look after a few thousand homes. "
            "Some are called a tenant management co-op (TMC) or an estate management board "
            "(EMB). They all work in much the same way.",
        ),
        (
            "The management agreement",
            "The TMO and the landlord sign a management agreement. It says which services "
            "the TMO runs. That might be repairs, cleaning, caretaking, lettings or rent "
            "collection.\n\n"
            "It also says how much money the TMO gets to run them. This is the management "
            "allowance. The TMO must spend it well and keep good accounts.\n\n"
            "The agreement lists the figures the TMO sends the landlord, and how often. The "
            "landlord checks them. If the TMO keeps missing its targets, the landlord can "
            "step in.",
        ),
        (
            "Who runs it",
            "Any tenant or leaseholder in the area can join as a member. The members hold a "
            "general meeting each year. At that meeting they elect a committee, sometimes "
            "called a board.\n\n"
            "The committee makes the big decisions. It sets targets, agrees the budget and "
            "checks how the services are doing. Most TMOs also employ staff, such as an "
            "estate manager and a repairs officer, to do the daily work.\n\n"
            "Committee members are volunteers. They are not paid for sitting on the "
            "committee.",
        ),
        (
            "How it answers to tenants",
            "A TMO must stay open and democratic. Members can come to meetings, ask "
            "questions and vote. The committee must answer criticisms raised at meetings.\n\n"
            "A TMO should show it gives good value. It compares its figures with others, "
            "asks tenants what they think and looks for better ways to work. This is what "
            "the Guide to Best Value for TMOs calls a Best Value review.\n\n"
            "Council tenants have a legal right to set one up, called the Right to Manage. A "
            "group needs at least 25 homes let on secure tenancies to use it.",
        ),
    ],
    "questions": [
        (
            "Who owns the homes a TMO looks after?",
            [
                ("The TMO", False),
                ("The landlord, such as the council", True),
                ("The tenants, each their own home", False),
            ],
        ),
        (
            "What is the management allowance?",
            [
                ("The money the TMO gets to run its services", True),
                ("The rent each tenant pays", False),
                ("The wages of committee members", False),
            ],
        ),
        (
            "Who elects the committee?",
            [
                ("The landlord", False),
                ("The TMO's staff", False),
                ("The members, at a general meeting", True),
            ],
        ),
        (
            "Which of these can a management agreement hand to a TMO? Choose all that apply.",
            [
                ("Repairs", True),
                ("Cleaning and caretaking", True),
                ("Owning the homes", False),
            ],
        ),
        (
            "What can the landlord do if the TMO keeps missing its targets?",
            [
                ("Nothing: the TMO is in charge", False),
                ("Step in, as the agreement allows", True),
                ("Sell the homes to the TMO", False),
            ],
        ),
    ],
}

READING_FIGURES = {
    "slug": "reading-performance-figures",
    "title": "Reading your organisation's performance figures",
    "summary": "What a figure counts, how to read a target and a trend, and what to ask.",
    "minutes": 20,
    "pass_mark": 4,
    "skills": ["performance", "scrutiny"],
    "pages": [
        (
            "Every figure counts something",
            'A performance figure is one number divided by another. Take "85% of emergency '
            'repairs done on time". It might mean 34 out of 40 repairs.\n\n'
            "Always ask for both numbers. 85% of 40 repairs is very different from 85% of 4. "
            "With small numbers, one late repair can move the figure a long way.\n\n"
            "Tenantry shows both numbers beside every figure, so you can see what it is "
            "made of.",
        ),
        (
            "Targets, and red, amber and green",
            "Each figure can have a target. The committee and the landlord agree it.\n\n"
            "Green means the target was met. Amber means it was missed, but only by a "
            "little. Red means it was missed by more than that. A red figure is a question "
            "to ask, not a reason to blame someone.\n\n"
            'Figures are counted by year, from April to March. So "2025/26" means April '
            "2025 to March 2026.",
        ),
        (
            "What tenants think",
            "Since April 2023, social landlords in England report 22 Tenant Satisfaction "
            "Measures. Twelve come from asking tenants. Ten come from the landlord's "
            "records, such as repairs and safety checks.\n\n"
            "In the survey, tenants answer on a scale from very satisfied to very "
            'dissatisfied. "Satisfied" means very satisfied plus fairly satisfied. People '
            'who say "neither" still count in the total, so they pull the figure down.\n\n'
            "Across England in 2024/25, the middle landlord had 74% of tenants satisfied "
            "with repairs.",
        ),
        (
            "Comparing, and what to ask",
            "One figure on its own tells you little. Compare it with last year, to see the "
            "trend. Compare it with the landlord's other homes, and with other landlords.\n\n"
            "Then ask: what does this figure count? Is it getting better or worse? Why did "
            "we miss the target? What will we do about it, and by when?\n\n"
            "Good questions are the heart of scrutiny. You do not need to be good at maths "
            "to ask them.",
        ),
    ],
    "questions": [
        (
            "A report says 85% of repairs were on time. What else should you ask for?",
            [
                ("How many repairs it counts", True),
                ("Nothing: 85% tells you all you need", False),
                ("The name of the repairs officer", False),
            ],
        ),
        (
            "What does a red figure mean?",
            [
                ("Someone must be blamed", False),
                ("The target was missed by more than a little", True),
                ("The figure is wrong", False),
            ],
        ),
        (
            'Which answers count as "satisfied" in a satisfaction measure? Choose all that apply.',
            [
                ("Very satisfied", True),
                ("Fairly satisfied", True),
                ("Neither satisfied nor dissatisfied", False),
            ],
        ),
        (
            "What does the year 2025/26 cover?",
            [
                ("January to December 2025", False),
                ("April 2025 to March 2026", True),
                ("September 2025 to July 2026", False),
            ],
        ),
        (
            "What is the best way to judge one figure?",
            [
                ("Compare it with last year and with others", True),
                ("Look at it on its own", False),
                ("Round it to the nearest ten", False),
            ],
        ),
    ],
}

MODULES = [WHAT_A_TMO_DOES, READING_FIGURES]
