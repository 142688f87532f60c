#!/usr/bin/env python3
"""Checks the module dependency table of docs/architecture.md against the code.

Fails (exit 1, one line per problem) when
  - a file of a module includes a header of a module its declared dependencies do not reach
    (`#include "suanli/<folder>/..."`), or another module's private header (`"src/..."`, or a
    `"detail/..."` that is not in its own src/<folder>/detail/);
  - a folder of include/suanli or src belongs to no module of the table;
  - the table and the `suanli_module(<name> DIRS ... DEPS ...)` calls of src/CMakeLists.txt
    disagree on a module's folders or on what its dependencies reach;
  - the declared dependencies form a cycle.
Usage: check_include_graph.py [REPO_ROOT]
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parents[2])
EXTERNAL = {"fmt"}  # third-party names the table may list


def parse_table(problems):
    """{module: {"folders": [...], "deps": [...]}} from the module map of docs/architecture.md."""
    text = (ROOT / "docs/architecture.md").read_text()
    section = text.split("## Module map", 1)[1].split("\n## ", 1)[0]
    modules = {}
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3:
            problems.append(f"docs/architecture.md: table row without 3 cells: {line}")
            continue
        ticked = re.findall(r"`([^`]+)`", cells[0])
        folders = [t.rstrip("/") for t in ticked if t.endswith("/")]
        library = [t for t in ticked if t.startswith("suanli_")]
        name = library[0][len("suanli_"):] if library else folders[0].replace("/", "_")
        deps = [d.strip().strip("`").rstrip("/") for d in cells[2].split(",") if d.strip()]
        modules[name] = {"folders": folders, "deps": deps}
    return modules


def parse_cmake(problems):
    """{module: {"folders": [...], "deps": [...]}} from the suanli_module calls."""
    text = (ROOT / "src/CMakeLists.txt").read_text()
    text = "\n".join(l.split("#", 1)[0] for l in text.splitlines())
    modules = {}
    for m in re.finditer(r"^suanli_module\(([^)]*)\)", text, re.M):
        words = m.group(1).split()
        name, folders, deps, into = words[0], [], [], None
        for w in words[1:]:
            if w in ("DIRS", "DEPS"):
                into = folders if w == "DIRS" else deps
            elif into is not None:
                into.append(w)
        modules[name] = {
            "folders": folders,
            "deps": [d[len("suanli_"):] for d in deps if d.startswith("suanli_")],
        }
    if not modules:
        problems.append("src/CMakeLists.txt: no suanli_module(...) call found")
    return modules


def closure(graph, name, problems, trail=()):
    if name in trail:
        cycle = "dependency cycle: " + " -> ".join(trail[trail.index(name):] + (name,))
        if cycle not in problems:
            problems.append(cycle)
        return set()
    reach = set()
    for d in graph.get(name, ()):
        reach.add(d)
        reach |= closure(graph, d, problems, trail + (name,))
    return reach


def main():
    problems = []
    table = parse_table(problems)
    cmake = parse_cmake(problems)
    folder_of = {}  # folder -> module
    for name, m in table.items():
        for f in m["folders"]:
            folder_of[f] = name
    alias = dict(folder_of)
    alias.update({name: name for name in table})

    def resolve(dep, where):
        if dep in alias:
            return alias[dep]
        if dep not in EXTERNAL:
            problems.append(f"docs/architecture.md: {where} depends on unknown module '{dep}'")
        return None

    graph = {n: [r for r in (resolve(d, n) for d in m["deps"]) if r] for n, m in table.items()}
    reach = {n: closure(graph, n, problems) for n in table}

    # The table and the CMake module calls describe the same modules and the same reach.
    for name in sorted(set(table) | set(cmake)):
        if name == "apps" or name.startswith("apps_"):
            continue
        if name not in cmake:
            problems.append(f"src/CMakeLists.txt: no suanli_module({name} ...) for the table's "
                            f"module {table[name]['folders']}")
            continue
        if name not in table:
            problems.append(f"docs/architecture.md: module '{name}' of src/CMakeLists.txt is "
                            "not in the table")
            continue
        if sorted(table[name]["folders"]) != sorted(cmake[name]["folders"]):
            problems.append(f"module {name}: folders {table[name]['folders']} in the table, "
                            f"{cmake[name]['folders']} in src/CMakeLists.txt")
        cmake_reach = closure({n: m["deps"] for n, m in cmake.items()}, name, problems)
        if cmake_reach != reach[name]:
            problems.append(
                f"module {name}: the table's dependencies reach {sorted(reach[name])}, "
                f"src/CMakeLists.txt's reach {sorted(cmake_reach)}")

    def module_of(rel):  # rel: path under include/suanli, src or apps, without the root
        best = None
        for f in folder_of:
            if (rel + "/").startswith(f + "/") and (best is None or len(f) > len(best)):
                best = f
        return folder_of.get(best)

    include_re = re.compile(r'^\s*#\s*include\s+"((?:suanli|src|detail)/[^"]+)"', re.M)
    files = []
    for top, strip in (("include/suanli", "include/suanli/"), ("src", "src/"), ("apps", "")):
        for p in sorted((ROOT / top).rglob("*")):
            if p.suffix in (".hpp", ".cpp", ".h", ".cc"):
                files.append((p, p.relative_to(ROOT).as_posix()[len(strip):]))
    for path, rel in files:
        owner = module_of(rel)
        shown = path.relative_to(ROOT).as_posix()
        if owner is None:
            problems.append(f"{shown}: in no module of the docs/architecture.md table")
            continue
        for target in include_re.findall(path.read_text()):
            if target.startswith("detail/"):
                own = table[owner]["folders"] if owner in table else []
                if not any((ROOT / "src" / f / target).is_file() for f in own):
                    problems.append(f"{shown}: includes \"{target}\", which is not a private "
                                    f"header of its module {owner} (src/<folder>/detail/)")
                continue
            inner = target.split("/", 1)[1]
            used = module_of(inner)
            if target.startswith("src/"):
                if used != owner:
                    problems.append(f"{shown}: includes \"{target}\", a private header of "
                                    f"module {used}")
                continue
            if used is None:
                problems.append(f"{shown}: includes \"{target}\", in no module of the table")
            elif used != owner and used not in reach[owner]:
                problems.append(f"{shown}: module {owner} includes \"{target}\" of module {used}, "
                                f"which its declared dependencies {table[owner]['deps']} do "
                                "not reach")
    for p in problems:
        print(p)
    print(f"include graph: {len(files)} files, {len(table)} modules, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
