"""The national indicators, as data: the regulator's Tenant Satisfaction Measures and the
housing Best Value indicators the NFTMO Guide names. docs/indicators.md cites each definition.

Measures the regulator reports in two parts are two indicators: "CH01-1" (stage 1) and
"CH01-2" (stage 2), and likewise CH02, NM01 and RP02. `sync_definitions()` loads this list
into the database; it runs in a migration and again whenever the list changes.
"""

from django.utils.translation import gettext_noop as _

TSM = "Regulator of Social Housing, Tenant Satisfaction Measures: Technical Requirements (2023)"
RSH_DICTIONARY = "RSH TSM data collection 2024/25, data dictionary"
BV = "Best Value performance indicators (SI 2005/598), as named in the NFTMO Guide, chapter 6"

# A perception measure: counted as the share of those asked who gave the positive answers.
_PERCEPTION = [
    ("TP01", _("Overall satisfaction"),
     _("Tenants satisfied with the overall service from their landlord.")),
    ("TP02", _("Satisfaction with repairs"),
     _("Of tenants who had a repair in the last 12 months, those satisfied with the repairs "
       "service.")),
    ("TP03", _("Satisfaction with time taken to complete most recent repair"),
     _("Of tenants who had a repair in the last 12 months, those satisfied with the time it "
       "took.")),
    ("TP04", _("Satisfaction that the home is well maintained"),
     _("Tenants satisfied that their home is well maintained.")),
    ("TP05", _("Satisfaction that the home is safe"),
     _("Tenants satisfied that their home is safe.")),
    ("TP06", _("Satisfaction that the landlord listens to tenant views and acts upon them"),
     _("Tenants satisfied that their landlord listens to their views and acts on them.")),
    ("TP07", _("Satisfaction that the landlord keeps tenants informed about things that matter "
               "to them"),
     _("Tenants satisfied that they are kept informed about things that matter to them.")),
    ("TP08", _("Agreement that the landlord treats tenants fairly and with respect"),
     _("Tenants who agree that their landlord treats them fairly and with respect.")),
    ("TP09", _("Satisfaction with the landlord's approach to handling complaints"),
     _("Of tenants who complained in the last 12 months, those satisfied with how it was "
       "handled.")),
    ("TP10", _("Satisfaction that the landlord keeps communal areas clean and well maintained"),
     _("Of tenants with communal areas, those satisfied they are kept clean and well "
       "maintained.")),
    ("TP11", _("Satisfaction that the landlord makes a positive contribution to neighbourhoods"),
     _("Tenants satisfied that their landlord makes a positive contribution to their "
       "neighbourhood.")),
    ("TP12", _("Satisfaction with the landlord's approach to handling anti-social behaviour"),
     _("Tenants satisfied with how their landlord handles anti-social behaviour.")),
]  # fmt: skip

_SAFETY = [
    ("BS01", "gas", _("Gas safety checks"),
     _("Homes that needed a gas safety check and had every required check done and recorded.")),
    ("BS02", "fire", _("Fire safety checks"),
     _("Homes in buildings that needed a fire risk assessment and had every one done.")),
    ("BS03", "asbestos", _("Asbestos safety checks"),
     _("Homes in buildings that needed an asbestos survey or re-inspection and had it done.")),
    ("BS04", "water", _("Water safety checks"),
     _("Homes that needed a legionella risk assessment and had it done.")),
    ("BS05", "lift", _("Lift safety checks"),
     _("Homes in buildings with communal passenger lifts whose every required lift check "
       "was done.")),
]  # fmt: skip


def _tsm(code, name, meaning, **fields) -> dict:
    return {"code": code, "name": name, "meaning": meaning, "framework": "tsm",
            "definition_source": TSM, **fields}  # fmt: skip


NATIONAL: list[dict] = [
    *[
        _tsm(code, name, meaning, unit="percent", source="survey", split_by_stock=True,
             order=i, is_key=code in ("TP01", "TP02", "TP09"))
        for i, (code, name, meaning) in enumerate(_PERCEPTION, start=1)
    ],
    *[
        _tsm(code, name, meaning, unit="percent", source="records", calculator="safety_checks",
             config={"kind": kind, "snapshot": "period_end"}, order=20 + i,
             is_key=code == "BS01", definition_source=f"{TSM}; {RSH_DICTIONARY}")
        for i, (code, kind, name, meaning) in enumerate(_SAFETY, start=1)
    ],
    _tsm("CH01-1", _("Stage 1 complaints per 1,000 homes"),
         _("Stage 1 complaints made by tenants in the year, per 1,000 homes at year end."),
         unit="per_1000", higher_is_better=False, source="records", calculator="complaints_made",
         config={"stage": 1}, split_by_stock=True, order=31,
         definition_source=f"{TSM}; {RSH_DICTIONARY}"),
    _tsm("CH01-2", _("Stage 2 complaints per 1,000 homes"),
         _("Stage 2 complaints made by tenants in the year, per 1,000 homes at year end."),
         unit="per_1000", higher_is_better=False, source="records", calculator="complaints_made",
         config={"stage": 2}, split_by_stock=True, order=32,
         definition_source=f"{TSM}; {RSH_DICTIONARY}"),
    _tsm("CH02-1", _("Stage 1 complaints answered within the Code's timescales"),
         _("Of stage 1 complaints made in the year, those answered within the Housing "
           "Ombudsman's Complaint Handling Code timescales, counting an agreed extension."),
         unit="percent", source="records", calculator="complaints_in_time",
         config={"stage": 1, "extensions": True}, split_by_stock=True, order=33, is_key=True,
         definition_source=f"{TSM}; {RSH_DICTIONARY}; Housing Ombudsman Complaint Handling Code"),
    _tsm("CH02-1N", _("Stage 1 complaints answered within the Code's timescales, no extension"),
         _("Of stage 1 complaints made in the year, those answered within 10 working days of "
           "acknowledgement without using an extension."),
         unit="percent", source="records", calculator="complaints_in_time",
         config={"stage": 1, "extensions": False}, split_by_stock=True, order=34,
         definition_source=f"{RSH_DICTIONARY}; Housing Ombudsman Complaint Handling Code"),
    _tsm("CH02-2", _("Stage 2 complaints answered within the Code's timescales"),
         _("Of stage 2 complaints made in the year, those answered within the Code's "
           "timescales, counting an agreed extension."),
         unit="percent", source="records", calculator="complaints_in_time",
         config={"stage": 2, "extensions": True}, split_by_stock=True, order=35,
         definition_source=f"{TSM}; {RSH_DICTIONARY}; Housing Ombudsman Complaint Handling Code"),
    _tsm("CH02-2N", _("Stage 2 complaints answered within the Code's timescales, no extension"),
         _("Of stage 2 complaints made in the year, those answered within 20 working days of "
           "acknowledgement without using an extension."),
         unit="percent", source="records", calculator="complaints_in_time",
         config={"stage": 2, "extensions": False}, split_by_stock=True, order=36,
         definition_source=f"{RSH_DICTIONARY}; Housing Ombudsman Complaint Handling Code"),
    _tsm("NM01-1", _("Anti-social behaviour cases per 1,000 homes"),
         _("Anti-social behaviour cases opened in the year, hate incidents included, per 1,000 "
           "homes at year end."),
         unit="per_1000", higher_is_better=False, source="records", calculator="asb_cases",
         config={"hate_only": False}, order=41, definition_source=f"{TSM}; {RSH_DICTIONARY}"),
    _tsm("NM01-2", _("Hate incident cases per 1,000 homes"),
         _("Anti-social behaviour cases involving hate incidents opened in the year, per 1,000 "
           "homes at year end."),
         unit="per_1000", higher_is_better=False, source="records", calculator="asb_cases",
         config={"hate_only": True}, order=42, definition_source=f"{TSM}; {RSH_DICTIONARY}"),
    _tsm("RP01", _("Homes that do not meet the Decent Homes Standard"),
         _("Homes failing the Decent Homes Standard at year end, out of the homes it applies "
           "to."),
         unit="percent", higher_is_better=False, source="records", calculator="non_decent_homes",
         config={"snapshot": "period_end", "unknown": "exclude"}, order=51, is_key=True,
         definition_source=f"{TSM}; {RSH_DICTIONARY}"),
    _tsm("RP02-1", _("Non-emergency repairs completed within target"),
         _("Of non-emergency responsive repairs completed in the year, those completed within "
           "the landlord's target timescale."),
         unit="percent", source="records", calculator="repairs_on_time",
         config={"emergency": False}, order=52, is_key=True,
         definition_source=f"{TSM}; {RSH_DICTIONARY}"),
    _tsm("RP02-2", _("Emergency repairs completed within target"),
         _("Of emergency responsive repairs completed in the year, those completed within the "
           "landlord's target timescale."),
         unit="percent", source="records", calculator="repairs_on_time",
         config={"emergency": True}, order=53, is_key=True,
         definition_source=f"{TSM}; {RSH_DICTIONARY}"),
    # --- Best Value ---
    {"code": "BV66a", "name": _("Rent collected"),
     "meaning": _("Rent collected in the period as a share of the rent due in it."),
     "framework": "best_value", "unit": "percent", "source": "records",
     "calculator": "rent_collected", "order": 61, "is_key": True, "definition_source": BV},
    {"code": "BV-REP-TIME", "name": _("Repairs completed in time"),
     "meaning": _("All responsive repairs completed in the period within their priority's "
                  "target timescale."),
     "framework": "best_value", "unit": "percent", "source": "records",
     "calculator": "repairs_on_time", "config": {"emergency": None}, "order": 62,
     "definition_source": BV},
    {"code": "BV-REP-DAYS", "name": _("Average time to complete a repair"),
     "meaning": _("The average number of calendar days from report to completion of the "
                  "responsive repairs completed in the period."),
     "framework": "best_value", "unit": "days", "higher_is_better": False, "source": "records",
     "calculator": "repair_average_days", "order": 63, "definition_source": BV},
    {"code": "BV212", "name": _("Average re-let time"),
     "meaning": _("The average number of calendar days homes stood empty, for homes let in the "
                  "period, measured as the management agreement defines the void clock."),
     "framework": "best_value", "unit": "days", "higher_is_better": False, "source": "records",
     "calculator": "relet_days", "order": 64, "is_key": True, "definition_source": BV},
    {"code": "BV74", "name": _("Tenant satisfaction with the overall service"),
     "meaning": _("Tenants satisfied with the overall service, from a survey."),
     "framework": "best_value", "unit": "percent", "source": "survey",
     "config": {"question": "TP01"}, "order": 65, "definition_source": BV},
    {"code": "BV75", "name": _("Satisfaction with opportunities for participation"),
     "meaning": _("Tenants satisfied with the opportunities to take part in management and "
                  "decision making, from a survey."),
     "framework": "best_value", "unit": "percent", "source": "survey", "order": 66,
     "definition_source": BV},
]  # fmt: skip

# What a narrow column or a short list calls each national indicator: a table's heading has
# room for a few words, and the full name follows in the indicator's own page and the key.
SHORT_NAMES: dict[str, str] = {
    "TP01": _("Overall satisfaction"),
    "TP02": _("Repairs service"),
    "TP03": _("Time taken for repairs"),
    "TP04": _("Home well maintained"),
    "TP05": _("Home is safe"),
    "TP06": _("Listens and acts"),
    "TP07": _("Keeps tenants informed"),
    "TP08": _("Treated fairly"),
    "TP09": _("Complaint handling"),
    "TP10": _("Communal areas"),
    "TP11": _("Neighbourhood"),
    "TP12": _("Anti-social behaviour handling"),
    "BS01": _("Gas safety"),
    "BS02": _("Fire safety"),
    "BS03": _("Asbestos safety"),
    "BS04": _("Water safety"),
    "BS05": _("Lift safety"),
    "CH01-1": _("Stage 1 complaints per 1,000 homes"),
    "CH01-2": _("Stage 2 complaints per 1,000 homes"),
    "CH02-1": _("Stage 1 complaints in time"),
    "CH02-1N": _("Stage 1 in time, no extension"),
    "CH02-2": _("Stage 2 complaints in time"),
    "CH02-2N": _("Stage 2 in time, no extension"),
    "NM01-1": _("Anti-social behaviour per 1,000 homes"),
    "NM01-2": _("Hate incidents per 1,000 homes"),
    "RP01": _("Non-decent homes"),
    "RP02-1": _("Non-emergency repairs in time"),
    "RP02-2": _("Emergency repairs in time"),
    "BV66a": _("Rent collected"),
    "BV-REP-TIME": _("Repairs in time"),
    "BV-REP-DAYS": _("Days to complete a repair"),
    "BV212": _("Re-let time"),
    "BV74": _("Satisfaction with the service"),
    "BV75": _("Satisfaction with participation"),
}

# The local indicators the Guide gives as examples, offered to a committee as a starting point.
LOCAL_EXAMPLES: list[dict] = [
    {"code": "GRAFFITI", "name": _("Estates free of graffiti"),
     "meaning": _("The average graffiti score from estate inspections (5 = none)."),
     "unit": "score", "source": "inspections", "config": {"score": "graffiti"}},
    {"code": "CLEAN", "name": _("Cleanliness of communal areas"),
     "meaning": _("The average cleanliness score from estate inspections (5 = spotless)."),
     "unit": "score", "source": "inspections", "config": {"score": "cleanliness"}},
    {"code": "PRIDE", "name": _("Pride in the estate"),
     "meaning": _("Residents who say they are proud of where they live, from a survey."),
     "unit": "percent", "source": "survey"},
    {"code": "COMMUNITY", "name": _("Community strength"),
     "meaning": _("Residents who feel part of the community, from a survey."),
     "unit": "percent", "source": "survey"},
    {"code": "JOBS", "name": _("Local employment"),
     "meaning": _("Jobs with the organisation and its contractors held by local residents."),
     "unit": "number", "source": "manual", "decimals": 0},
]  # fmt: skip


def sync_definitions(indicator_model) -> int:
    """Create or update the national indicators; returns how many there are."""
    for order, fields in enumerate(NATIONAL):
        values = {"order": order, "higher_is_better": True, "calculator": "", "config": {},
                  "split_by_stock": False, "is_key": False, "decimals": 1, **fields}  # fmt: skip
        code = values.pop("code")
        indicator_model.objects.update_or_create(organisation=None, code=code, defaults=values)
    return len(NATIONAL)
