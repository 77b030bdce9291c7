#!/usr/bin/env python3
"""Check that #include lines between pilotsim's modules follow the declared layers.

Usage: check-includes.py [--self-test] LAYERS_FILE SOURCE_DIR

LAYERS_FILE has one line per module, "module:public,deps:private,deps" (written by
tests/architecture/CMakeLists.txt from src/CMakeLists.txt's pilotsim_module calls). A file of module M
(src/M/..., include/pilotsim/M/...) may include another module's headers only if M lists that module;
a public header (include/pilotsim/M/...) only if M lists it as public, since whatever a public header
includes reaches every user of M. The declared graph must have no cycle. Exit 0 when all holds, 1 with
one line per violation otherwise. --self-test adds a wrong include to a copy of the tree and expects 1.
"""
import os
import re
import shutil
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s+"(?:pilotsim/)?([a-z_]+)/')


def read_layers(path):
    public, private = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            name, pub, priv = (line.split(":") + ["", ""])[:3]
            public[name] = {m for m in pub.split(",") if m}
            private[name] = {m for m in priv.split(",") if m}
    return public, private


def cycle(public, private):
    """A cycle of the declared graph as a list of modules, or None."""
    graph = {m: public[m] | private[m] for m in public}
    state = {}

    def visit(m, path):
        state[m] = "open"
        for d in sorted(graph.get(m, ())):
            if state.get(d) == "open":
                return path + [m, d]
            if d not in state:
                found = visit(d, path + [m])
                if found:
                    return found
        state[m] = "done"
        return None

    for m in sorted(graph):
        if m not in state:
            found = visit(m, [])
            if found:
                return found
    return None


def violations(layers_file, root):
    public, private = read_layers(layers_file)
    modules = set(public)
    problems = []
    unknown = sorted(d for m in modules for d in public[m] | private[m] if d not in modules)
    if unknown:
        problems.append(f"{layers_file}: dependencies on modules that do not exist: {', '.join(unknown)}")
    loop = cycle(public, private)
    if loop:
        problems.append(f"{layers_file}: the modules depend on each other in a cycle: {' -> '.join(loop)}")
    for base, is_public in (("include/pilotsim", True), ("src", False)):
        for module in sorted(modules):
            top = os.path.join(root, base, module)
            for dirpath, _, files in os.walk(top):
                for name in sorted(files):
                    if not name.endswith((".hpp", ".cpp", ".h")):
                        continue
                    path = os.path.join(dirpath, name)
                    allowed = public[module] if is_public else public[module] | private[module]
                    with open(path, encoding="utf-8") as f:
                        for number, line in enumerate(f, 1):
                            match = INCLUDE.match(line)
                            if not match:
                                continue
                            other = match.group(1)
                            if other == module or other not in modules or other in allowed:
                                continue
                            where = os.path.relpath(path, root)
                            if is_public:
                                how = "lists only privately" if other in private[module] else "does not list"
                                problems.append(f"{where}:{number}: public header of module '{module}' includes "
                                                f"module '{other}', which {module}'s target {how} as PUBLIC "
                                                "(src/CMakeLists.txt, pilotsim_module)")
                            else:
                                problems.append(f"{where}:{number}: file of module '{module}' includes module "
                                                f"'{other}', which {module}'s target does not list "
                                                "(src/CMakeLists.txt, pilotsim_module)")
    return problems


def self_test(layers_file, root):
    with tempfile.TemporaryDirectory() as tmp:
        for part in ("include/pilotsim", "src"):
            shutil.copytree(os.path.join(root, part), os.path.join(tmp, part))
        if violations(layers_file, tmp):
            print("self-test: the tree fails before the wrong include is added")
            return 1
        wrong = os.path.join(tmp, "src", "model", "Wrong.cpp")
        with open(wrong, "w", encoding="utf-8") as f:
            f.write('#include "pilotsim/experiment/Runner.hpp"\n')
        found = violations(layers_file, tmp)
        if len(found) == 1 and "src/model/Wrong.cpp:1" in found[0]:
            print("self-test: the wrong include is reported:", found[0])
            return 0
        print("self-test: expected one report of src/model/Wrong.cpp, got:", found)
        return 1


def main(argv):
    args = [a for a in argv if a != "--self-test"]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    if "--self-test" in argv:
        return self_test(*args)
    problems = violations(*args)
    for p in problems:
        print(p)
    if not problems:
        print(f"includes follow the layers of {args[0]}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
