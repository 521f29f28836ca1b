#!/usr/bin/python3
"""The GitHub Action (action.yml) run as GitHub's runner would run it.

Each step of the composite action is executed with bash as `shell: bash`
runs it (bash --noprofile --norc -eo pipefail), its `env` expressions
evaluated from the inputs (the action's defaults where a test gives none),
GITHUB_OUTPUT collected and the action's outputs resolved from it. Then:

- with vitae on PATH (this build's), the install step leaves it, and the
  build step writes one file per style and format, listed in `paths`;
- a CV with an error fails the step with a `::error file=…,line=…` annotation
  and writes nothing;
- an input holding shell syntax stays a file name: nothing runs;
- with `package:` (this build's .deb, from scripts/package --from) and no
  vitae on PATH, the install step installs the package with apt-get and the
  build uses it (then the package is purged);
- examples/ci/action-workflow.yml uses only inputs and outputs action.yml has.

  check_action.py SOURCE_DIR BUILD_DIR
The package part fails, rather than replace it, when a vitae package is
installed on the machine already.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

SOURCE_DIR, BUILD_DIR = (os.path.abspath(p) for p in sys.argv[1:3])
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print(f"check_action: FAILED: {message}", file=sys.stderr)
    return condition


def load(path):
    with open(path, encoding="utf-8") as file:
        return yaml.safe_load(file)


ACTION = load(os.path.join(SOURCE_DIR, "action.yml"))


def parse_github_output(path):
    """GITHUB_OUTPUT's `name=value` and `name<<DELIMITER` forms."""
    outputs = {}
    with open(path, encoding="utf-8") as file:
        lines = file.read().split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value = []
            while lines[index] != delimiter:
                value.append(lines[index])
                index += 1
            index += 1
            outputs[name] = "\n".join(value)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


def run_action(inputs, workspace, path_directories):
    """Runs every step; returns (exit code of the first failing step or 0,
    the action's outputs, everything printed)."""
    runner_temp = tempfile.mkdtemp(prefix="runner-temp-")
    values = {f"inputs.{name}": str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    values.update({f"inputs.{name}": value for name, value in inputs.items()})
    values["github.action_path"] = SOURCE_DIR
    values["runner.temp"] = runner_temp
    step_outputs = {}
    printed = ""
    environment = {
        "PATH": os.pathsep.join(path_directories),
        "HOME": os.environ.get("HOME", "/root"),
        "GITHUB_ACTIONS": "true",
        "GITHUB_ACTION_PATH": SOURCE_DIR,
        "RUNNER_TEMP": runner_temp,
        "GITHUB_WORKSPACE": workspace,
        "SOURCE_DATE_EPOCH": "0",
    }

    def evaluate(text):
        def value_of(match):
            expression = match.group(1)
            step = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
            if step:
                return step_outputs.get(step.group(1), {}).get(step.group(2), "")
            if expression not in values:
                raise KeyError(f"the test does not know the expression {expression}")
            return values[expression]

        return EXPRESSION.sub(value_of, str(text))

    try:
        for step in ACTION["runs"]["steps"]:
            check(step.get("shell") == "bash", f"step {step.get('name')} does not run in bash")
            # No expression in a script's text: an input would be spliced
            # into the code and could run as shell.
            check(not EXPRESSION.search(step["run"]), f"step {step.get('name')} puts an expression into its script")
            output_file = os.path.join(runner_temp, "github_output")
            open(output_file, "w").close()
            step_environment = dict(environment, GITHUB_OUTPUT=output_file)
            step_environment.update({name: evaluate(value) for name, value in step.get("env", {}).items()})
            script = os.path.join(runner_temp, "step.sh")
            with open(script, "w", encoding="utf-8") as file:
                file.write(step["run"])
            result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script], cwd=workspace,
                                    env=step_environment, capture_output=True, text=True, timeout=600)
            printed += result.stdout + result.stderr
            if result.returncode != 0:
                return result.returncode, {}, printed
            if "id" in step:
                step_outputs[step["id"]] = parse_github_output(output_file)
        outputs = {name: evaluate(spec["value"]) for name, spec in ACTION["outputs"].items()}
        return 0, outputs, printed
    finally:
        shutil.rmtree(runner_temp, ignore_errors=True)


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def system_path():
    return [d for d in os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep)
            if not os.path.exists(os.path.join(d, "vitae"))] or ["/usr/bin", "/bin"]


def write_starter(workspace, vitae):
    subprocess.run([vitae, "new"], cwd=workspace, capture_output=True, check=True)


def main():
    # This build's vitae on PATH, as a job that installed it would have it;
    # it finds its modules beside itself.
    bin_directory = tempfile.mkdtemp(prefix="vitae-bin-")
    os.symlink(os.path.join(BUILD_DIR, "vitae"), os.path.join(bin_directory, "vitae"))
    with_vitae = [bin_directory] + system_path()

    # 1. The build: two styles, two formats, into a folder whose name has a space.
    workspace = tempfile.mkdtemp(prefix="workspace-")
    write_starter(workspace, os.path.join(BUILD_DIR, "vitae"))
    code, outputs, printed = run_action({"cv": "cv.toml", "style": "onepage, academic", "format": "pdf,text",
                                         "output": "my cv/", "args": "--werror"}, workspace, with_vitae)
    check(code == 0, f"the action failed: {printed}")
    check("vitae is installed: vitae " in printed, f"the install step did not take vitae from PATH: {printed}")
    expected = {f"my cv/cv-{style}.{extension}" for style in ("onepage", "academic") for extension in ("pdf", "txt")}
    paths = set(outputs.get("paths", "").split("\n")) - {""}
    check(paths == expected, f"outputs.paths is {sorted(paths)}, not {sorted(expected)}")
    for path in expected:
        check(os.path.isfile(os.path.join(workspace, path)), f"{path} was not written")
    if check(os.path.isfile(os.path.join(workspace, "my cv/cv-onepage.pdf")), "no one-page PDF"):
        check(pdf_pages(os.path.join(workspace, "my cv/cv-onepage.pdf")) == 1, "the onepage style's PDF is not 1 page")

    # A CV whose name has a space, one per line as a YAML block gives them.
    os.rename(os.path.join(workspace, "cv.toml"), os.path.join(workspace, "my cv.toml"))
    code, outputs, printed = run_action({"cv": "my cv.toml\n", "output": "spaced/"}, workspace, with_vitae)
    check(code == 0, f"a CV name with a space, on its own line, failed: {printed}")
    check(outputs.get("paths") == "spaced/my cv.pdf", f"outputs.paths is {outputs.get('paths')!r}")

    # 2. An error: the step fails, GitHub is told where, nothing is written.
    broken = tempfile.mkdtemp(prefix="workspace-")
    with open(os.path.join(broken, "cv.toml"), "w", encoding="utf-8") as file:
        file.write('[person]\nname = "Ada"\n[[section]]\ntitel = "Work"\n')
    code, outputs, printed = run_action({}, broken, with_vitae)
    check(code == 1, f"a CV with an error did not fail the action (exit {code})")
    check(re.search(r"^::error file=cv\.toml,line=4,col=1::unknown key 'titel'", printed, re.M) is not None,
          f"no annotation on the CV's line: {printed}")
    check(not os.path.exists(os.path.join(broken, "out")), "a CV with an error wrote files")

    # 3. An input with shell syntax is a file name, not code.
    hostile = tempfile.mkdtemp(prefix="workspace-")
    write_starter(hostile, os.path.join(BUILD_DIR, "vitae"))
    code, _, printed = run_action({"cv": "cv.toml", "output": "$(touch pwned)`touch pwned2`;touch pwned3/"},
                                  hostile, with_vitae)
    check(code == 0, f"an odd output folder failed: {printed}")
    check(not any(os.path.exists(os.path.join(hostile, name)) for name in ("pwned", "pwned2", "pwned3")),
          "an input ran as shell code")
    check(os.path.isfile(os.path.join(hostile, "$(touch pwned)`touch pwned2`;touch pwned3", "cv.pdf")),
          "the PDF is not in the folder the input names")

    # 4. The package: installed by the action with apt-get, then used.
    package_directory = tempfile.mkdtemp(prefix="package-")
    deb = subprocess.run([os.path.join(SOURCE_DIR, "scripts", "package"), "--from", BUILD_DIR, package_directory],
                         capture_output=True, text=True, check=True).stdout.strip()
    installed = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "vitae"], capture_output=True, text=True)
    if check("installed" not in installed.stdout.replace("not-installed", ""),
             "a vitae package is installed on this machine already; not replacing it"):
        packaged = tempfile.mkdtemp(prefix="workspace-")
        write_starter(packaged, os.path.join(BUILD_DIR, "vitae"))
        try:
            code, outputs, printed = run_action({"package": deb}, packaged, system_path())
            check(code == 0, f"installing the package failed: {printed}")
            check(os.path.realpath(shutil.which("vitae") or "") == "/usr/bin/vitae",
                  "the package did not put vitae on PATH")
            check(outputs.get("paths") == "out/cv.pdf", f"outputs.paths is {outputs.get('paths')!r}")
        finally:
            as_root = [] if os.geteuid() == 0 else ["sudo"]
            subprocess.run(as_root + ["dpkg", "--purge", "vitae"], capture_output=True)

    # 5. The example workflow uses the action as it is.
    workflow = load(os.path.join(SOURCE_DIR, "examples", "ci", "action-workflow.yml"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = [step for step in steps if str(step.get("uses", "")).split("@")[0].endswith("/vitae")]
    if check(len(uses) == 1, "examples/ci/action-workflow.yml does not use the action once"):
        unknown = set(uses[0].get("with", {})) - set(ACTION["inputs"])
        check(not unknown, f"the example gives inputs action.yml does not have: {unknown}")
        step_id = uses[0].get("id")
        text = open(os.path.join(SOURCE_DIR, "examples", "ci", "action-workflow.yml"), encoding="utf-8").read()
        for name in re.findall(rf"steps\.{step_id}\.outputs\.([\w-]+)", text):
            check(name in ACTION["outputs"], f"the example reads an output action.yml does not have: {name}")

    if failures:
        sys.exit(1)
    print("check_action: action.yml's steps ran: build, error annotation, hostile input, package, example")


main()
