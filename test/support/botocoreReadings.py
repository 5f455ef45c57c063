"""Reads AWS config/credentials files as botocore does and prints one JSON line per file.

Input on stdin: a JSON list of [path, kind] pairs, kind "config" or "credentials". Output: a JSON list,
one entry per file: {"ok": true, "entities": {"profile dev": {"key": "value", "s3.sub": "v"}, ...}} or
{"ok": false, "error": "..."}. Profiles come from build_profile_map (config) or the raw sections
(credentials), the way the AWS CLI and boto3 find them.
"""
import json
import sys

import botocore.configloader as configloader
import botocore.exceptions


def flatten(values):
    flat = {}
    for key, value in values.items():
        if isinstance(value, dict):
            for sub, sub_value in value.items():
                flat[key + "." + sub] = sub_value
        else:
            flat[key] = value
    return flat


def read(path, kind):
    try:
        raw = configloader.raw_config_parse(path)
    except botocore.exceptions.ConfigParseError as error:
        return {"ok": False, "error": str(error)}
    entities = {}
    if kind == "credentials":
        for name, values in raw.items():
            entities["profile " + name] = flatten(values)
        return {"ok": True, "entities": entities}
    built = configloader.build_profile_map(raw)
    for space, field in (("profile", "profiles"), ("sso-session", "sso_sessions"), ("services", "services")):
        for name, values in built.pop(field).items():
            entities[space + " " + name] = flatten(values)
    for name, values in built.items():
        entities["other " + name] = flatten(values)
    return {"ok": True, "entities": entities}


def main():
    requests = json.load(sys.stdin)
    json.dump([read(path, kind) for path, kind in requests], sys.stdout)


main()
