"""Reads a YAML file with PyYAML (YAML 1.1, safe_load) and a JSON file, and exits 0 when they hold
the same data: same keys in the same order, strings as strings, numbers equal. Else prints the
first difference and exits 1. Used by YamlRoundTripTest."""
import json
import sys

import yaml


def same(a, b, path):
    if isinstance(a, bool) or isinstance(b, bool):
        return None if type(a) is type(b) and a == b else path
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return None if a == b else path
    if isinstance(a, str) or isinstance(b, str):
        return None if type(a) is type(b) and a == b else path
    if a is None or b is None:
        return None if a is None and b is None else path
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a.keys()) != list(b.keys()):
            return path + " keys " + repr(list(a.keys())) + " vs " + repr(list(b.keys()))
        for key in a:
            found = same(a[key], b[key], path + "." + str(key))
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return path + " length"
        for i, (x, y) in enumerate(zip(a, b)):
            found = same(x, y, path + "." + str(i))
            if found:
                return found
        return None
    return path + " types " + type(a).__name__ + " vs " + type(b).__name__


with open(sys.argv[1], encoding="utf-8") as f:
    from_yaml = yaml.safe_load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    from_json = json.load(f)
difference = same(from_yaml, from_json, "$")
if difference:
    print("differs at " + difference, file=sys.stderr)
    sys.exit(1)
