import json
print(json.dumps({"type": "error", "content": {"short": "No data for that city", "long": "The weather service knows no city called Atlantis."}}), flush=True)
