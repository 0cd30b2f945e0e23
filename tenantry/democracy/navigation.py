SECTIONS: list = []
