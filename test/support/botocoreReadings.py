"""Reads AWS config/credentials files as botocore does, for as long as its stdin stays open.

First line out: {"ready": true, "botocore": "<version>"}, or {"ready": false, "error": "..."} and exit 0
when botocore cannot be imported. Then one JSON line in, one JSON line out, in order: in, a JSON list of
[path, kind] pairs, kind "config" or "credentials"; out, a JSON list, one entry per file:
{"ok": true, "entities": {"profile dev": {"key": "value", "s3.sub": "v"}, ...}} or {"ok": false, "error":
"..."}. Profiles come from build_profile_map (config) or the raw sections (credentials), the way the AWS
CLI and boto3 find them. Ends at the end of stdin, so it never outlives the process that started it.
"""
import json
import sys


def flatten(values):
    flat = {}
    for key, value in values.items():
        if isinstance(value, dict):
            for sub, sub_value in value.items():
                flat[key + "." + sub] = sub_value
        else:
            flat[key] = value
    return flat


def read(configloader, exceptions, path, kind):
    try:
        raw = configloader.raw_config_parse(path)
    except exceptions.ConfigParseError as error:
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


def say(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main():
    try:
        import botocore
        import botocore.configloader as configloader
        import botocore.exceptions as exceptions
    except ImportError as error:
        say({"ready": False, "error": "%s: %s" % (type(error).__name__, error)})
        return
    say({"ready": True, "botocore": botocore.__version__})
    for line in iter(sys.stdin.readline, ""):
        say([read(configloader, exceptions, path, kind) for path, kind in json.loads(line)])


main()
