#!/usr/bin/env python3
"""Writes podium's man page (roff, section 1) from ArgumentParser's own description of the command tree.

Usage: scripts/gen-manpage.py PODIUM_BINARY OUTPUT [--version TEXT]

The input is `podium --experimental-dump-help`: the ToolInfo JSON that ArgumentParser's `generate-manual` plugin
reads too. The plugin needs `swift package plugin` (a build of the whole package under the plugin sandbox), so
`make install` uses this script instead: same source, no extra build, no network.
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys


def esc(text: str) -> str:
    """Text safe in roff: backslashes doubled, a leading dot or quote neutralised, dashes literal."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    lines = []
    for line in text.split("\n"):
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def synopsis_word(arg: dict) -> str:
    name = arg.get("preferredName") or (arg.get("names") or [{}])[0]
    value = arg.get("valueName", "value")
    if arg["kind"] == "positional":
        word = f"<{value}>"
    else:
        dashes = "--" if name.get("kind") in ("long", "longWithSingleDash") else "-"
        word = f"{dashes}{name.get('name', value)}"
        if arg["kind"] == "option":
            word += f" <{value}>"
    if arg.get("isRepeating"):
        word += " ..."
    return f"[{word}]" if arg.get("isOptional") else word


def option_lines(arguments: list[dict]) -> list[str]:
    out: list[str] = []
    for arg in arguments:
        if not arg.get("shouldDisplay", True):
            continue
        names = []
        for name in arg.get("names") or []:
            dashes = "--" if name["kind"] == "long" else "-"
            names.append(f"{dashes}{name['name']}")
        label = ", ".join(names) if names else f"<{arg.get('valueName', 'value')}>"
        if arg["kind"] == "option":
            label += f" <{arg.get('valueName', 'value')}>"
        out += [".TP", f"\\fB{esc(label)}\\fR", esc(arg.get("abstract", "")) or "\\&"]
        if arg.get("discussion"):
            out.append(esc(arg["discussion"]))
    return out


def command_section(cmd: dict, path: list[str]) -> list[str]:
    out: list[str] = []
    full = " ".join(path)
    out += [".SS " + esc(full), esc(cmd.get("abstract", "")), ".PP"]
    words = [synopsis_word(a) for a in cmd.get("arguments", []) if a.get("shouldDisplay", True)]
    out += ["\\fB" + esc(full) + "\\fR " + esc(" ".join(words)), ".PP"]
    if cmd.get("discussion"):
        out += [esc(cmd["discussion"]), ".PP"]
    out += option_lines(cmd.get("arguments", []))
    for sub in cmd.get("subcommands", []):
        if sub.get("shouldDisplay", True) and sub["commandName"] != "help":
            out += command_section(sub, path + [sub["commandName"]])
    return out


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, output = sys.argv[1], sys.argv[2]
    version = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--version" else ""
    dump = subprocess.run([binary, "--experimental-dump-help"], check=True, capture_output=True, text=True).stdout
    root = json.loads(dump)["command"]
    name = root["commandName"]
    date = datetime.date.today().isoformat()
    lines = [
        f'.TH {name.upper()} 1 "{date}" "{esc(version)}" "User Commands"',
        ".SH NAME",
        f"{name} \\- {esc(root.get('abstract', ''))}",
        ".SH SYNOPSIS",
        f"\\fB{name}\\fR [\\fIcommand\\fR] [\\fIoptions\\fR]",
        ".SH DESCRIPTION",
        esc(root.get("abstract", "")),
    ]
    if root.get("discussion"):
        lines += [".PP", esc(root["discussion"])]
    lines += [".SH OPTIONS"] + option_lines(root.get("arguments", []))
    lines += [".SH COMMANDS"]
    for sub in root.get("subcommands", []):
        if sub.get("shouldDisplay", True) and sub["commandName"] != "help":
            lines += command_section(sub, [name, sub["commandName"]])
    lines += [
        ".SH FILES",
        ".TP",
        "\\fI$XDG_CONFIG_HOME/podium/config.yaml\\fR",
        "The config (see config/README.md).",
        ".TP",
        "\\fI$XDG_STATE_HOME/podium/audit.jsonl\\fR",
        "The local audit log.",
        ".TP",
        "\\fI<prefix>/share/podium/themes\\fR",
        "The installed themes.",
        ".SH SEE ALSO",
        "The project's docs/cli.md and docs/console.md.",
    ]
    with open(output, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
