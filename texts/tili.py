FI = {}
SV = {}
