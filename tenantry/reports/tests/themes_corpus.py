"""Forty short comments in four clear topics, written by hand for the themes tests and bench:
ten each on damp and mould, repairs not done, noise and anti-social behaviour, and bins and
cleaning. The topic of each is in TOPICS, in the same order."""

DAMP = [
    "There is black mould all over my bathroom ceiling.",
    "Damp is coming through the bedroom wall and the wallpaper is peeling off.",
    "The mould keeps coming back in the kids' bedroom however much I clean it.",
    "Condensation runs down the windows every morning and the frames are going black.",
    "Our flat smells damp and our clothes in the wardrobe have gone mouldy.",
    "Mould behind the sofa again, the walls are always wet in winter.",
    "The extractor fan in the bathroom doesn't work so the damp never clears.",
    "Damp patches on the ceiling under the roof, it gets worse when it rains.",
    "My daughter has asthma and the mould in her room is making her ill.",
    "Water stains and mould in the corner of the living room.",
]
REPAIRS = [
    "I reported the broken boiler three weeks ago and nobody has come.",
    "The repair to my kitchen tap was booked twice and the contractor never turned up.",
    "Still waiting for someone to fix the front door lock after two months.",
    "The engineer came, said he needed a part, and never came back.",
    "My repair was marked as done but the leak under the sink is still there.",
    "It takes far too long to get a repair appointment.",
    "The broken window in the hallway was reported in March and is still not fixed.",
    "They keep cancelling my repair appointment at the last minute.",
    "No one called back about the heating repair I reported.",
    "The toilet has been broken for weeks and the repairs line just says wait.",
]
NOISE = [
    "The neighbours play loud music until three in the morning.",
    "There is constant shouting and banging from the flat above.",
    "Young people gather in the stairwell at night, smoking and being abusive.",
    "Drug dealing outside the block is making residents afraid to go out.",
    "The dog next door barks all day and the owner ignores our complaints.",
    "Parties every weekend with people coming and going all night.",
    "Someone keeps kicking the communal door and shouting at residents.",
    "I reported the anti-social behaviour of my neighbour but nothing happened.",
    "Motorbikes racing round the estate late at night keep us awake.",
    "My neighbour threatens me whenever I ask him to turn the noise down.",
]
BINS = [
    "The bins are overflowing and there is rubbish all over the bin store.",
    "Nobody has cleaned the stairs in weeks, they are filthy.",
    "Fly-tipping by the garages has been there for a month.",
    "The communal bins were not emptied this week and they stink.",
    "Rubbish bags are left in the corridor and attract rats.",
    "The cleaners skip our block, the landing floors are never mopped.",
    "Broken glass and litter in the play area have not been cleared.",
    "Recycling bins are always full so people dump bags next to them.",
    "The lift smells of urine and nobody cleans it.",
    "Old mattresses and furniture dumped by the bin shed for weeks.",
]
TEXTS = DAMP + REPAIRS + NOISE + BINS
TOPICS = ["damp"] * 10 + ["repairs"] * 10 + ["noise"] * 10 + ["bins"] * 10
