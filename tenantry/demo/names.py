"""Word lists for a believable, entirely fictional English borough."""

ESTATE_WORDS = [
    "Brookfield", "Marsh Lane", "Kingsmead", "Hillside", "Aspen", "Beacon", "Calder", "Denby",
    "Elmwood", "Fernhill", "Gorse", "Hawthorn", "Ivydale", "Juniper", "Kestrel", "Larkrise",
    "Millbank", "Northgate", "Oakleigh", "Parkside", "Queensway", "Riverside", "Sandfield",
    "Thornbury", "Upton", "Valley", "Westfield", "Yew Tree", "Ashburn", "Birchwood", "Canal Side",
    "Daleview", "Eastfield", "Foxhill", "Greenacre", "Heathcote", "Ingleby", "Jubilee",
    "Kirkdale", "Linden", "Moorside", "Netherton", "Orchard", "Priory", "Quarry Hill", "Rowan",
    "Stonebridge", "Tannery", "Underhill", "Victoria", "Wharfedale", "Windmill", "Abbey Fields",
    "Bramley", "Chapel", "Dovecote", "Eden", "Forge", "Granary", "Harbour", "Ironworks",
]  # fmt: skip
# Named after the organisations that manage or represent them.
RESERVED_ESTATES = {"Brookfield", "Marsh Lane", "Kingsmead", "Hillside"}
AREAS = [
    "Northbrook Central", "Marsh Ward", "Kings Ward", "Hillside Ward", "Riverside Ward",
    "St Anne's", "Canal Ward", "Moor Ward", "Abbey Ward", "Station Ward",
]  # fmt: skip
BLOCK_WORDS = [
    "Alder", "Beech", "Cedar", "Elder", "Hazel", "Holly", "Larch", "Maple", "Poplar", "Rowan",
    "Spruce", "Willow", "Ash", "Birch", "Chestnut", "Cherry", "Laurel", "Linden", "Myrtle", "Sorrel",
]  # fmt: skip
BLOCK_KINDS = ["House", "Court", "Tower", "Point", "Lodge"]
STREET_WORDS = [
    "Mill", "Church", "Station", "Park", "Victoria", "Albert", "Brook", "Canal", "Chapel", "Dale",
    "Forge", "Garden", "Green", "High", "King", "Meadow", "New", "Orchard", "Queen", "School",
    "Spring", "Union", "Water", "Well", "York", "Bridge", "Castle", "Dock", "Field", "Moor",
]  # fmt: skip
STREET_KINDS = ["Road", "Street", "Lane", "Close", "Avenue", "Walk", "Way", "Crescent", "Grove"]

FIRST_NAMES = [
    "Amina", "Ahmed", "Aisha", "Andrzej", "Agnieszka", "Barbara", "Brian", "Bilal", "Carol", "Chloe",
    "Chidi", "Daniel", "Deborah", "Dariusz", "Edward", "Emma", "Fatima", "Farhan", "Gareth", "Grace",
    "Hannah", "Hassan", "Ioana", "Ibrahim", "Jack", "Jasmine", "Joanne", "Kwame", "Katarzyna",
    "Leanne", "Liam", "Mohammed", "Margaret", "Marek", "Nadia", "Nathan", "Olu", "Olivia", "Patrick",
    "Priya", "Rajesh", "Rebecca", "Ruth", "Sadia", "Samuel", "Sean", "Shirley", "Siobhan", "Tariq",
    "Thomas", "Tomasz", "Usha", "Victoria", "Wayne", "Wiktoria", "Yasmin", "Yusuf", "Zainab", "Zofia",
    "Abdi", "Hodan", "Mehmet", "Elif", "Andreea", "Mihai", "Gurpreet", "Harjit", "Rhys", "Ffion",
]  # fmt: skip
LAST_NAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
    "Clarke", "Patel", "Khan", "Ali", "Hussain", "Begum", "Ahmed", "Rahman", "Kowalski", "Nowak",
    "Wiśniewski", "Okafor", "Mensah", "Adeyemi", "Mohamed", "Hassan", "Yilmaz", "Popescu", "Singh",
    "Kaur", "O'Brien", "Murphy", "Kelly", "Hughes", "Morgan", "Lewis", "Campbell", "Reid", "Francis",
]  # fmt: skip

# Preferred languages other than English, with rough weights for an English city borough.
LANGUAGES = [
    ("en", 840), ("pl", 30), ("bn", 20), ("ur", 18), ("pa", 14), ("so", 14), ("ar", 12),
    ("ro", 10), ("tr", 8), ("pt", 7), ("gu", 5), ("ti", 4), ("ku", 4), ("cy", 4), ("fa", 4),
    ("lt", 3), ("es", 3),
]  # fmt: skip
