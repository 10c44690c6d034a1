import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  candidatePaths,
  dedupeByVersion,
  discoverPythons,
  parseProbeOutput,
  resolvePythonArg,
  type Interpreter,
} from "../../src/cli/verify/find-pythons.ts";

const scratch = mkdtempSync(join(tmpdir(), "memquiz-find-pythons-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes a fake interpreter: a shell script that prints `output` whatever it is asked. */
function fakePython(path: string, output: string): string {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, `#!/bin/sh\nprintf '%s' '${output}'\n`);
  chmodSync(path, 0o755);
  return path;
}

function interpreter(versionText: string, path: string): Interpreter {
  return { version: versionText.split(".").map(Number), versionText, path };
}

describe("parseProbeOutput", () => {
  it("takes the version and the executable the interpreter reports", () => {
    expect(parseProbeOutput("3.12.1\n/opt/py/bin/python3.12\n", "/shims/python3")).toEqual(interpreter("3.12.1", "/opt/py/bin/python3.12"));
  });

  it("falls back to the probed path when no executable is reported", () => {
    expect(parseProbeOutput("2.7.18\n", "/usr/bin/python2")).toEqual(interpreter("2.7.18", "/usr/bin/python2"));
  });

  it("rejects output that is not a version", () => {
    expect(parseProbeOutput("Python 3.12.1\n", "/x")).toBeUndefined();
    expect(parseProbeOutput("pyenv: python3.8: command not found\n", "/x")).toBeUndefined();
    expect(parseProbeOutput("", "/x")).toBeUndefined();
  });
});

describe("dedupeByVersion", () => {
  it("keeps the first path per exact version and sorts numerically", () => {
    const found = dedupeByVersion([
      interpreter("3.10.2", "/a/python3.10"),
      interpreter("3.9.18", "/a/python3.9"),
      interpreter("3.10.2", "/shims/python3"),
      interpreter("2.7.18", "/a/python2"),
      interpreter("3.10.1", "/b/python3.10"),
    ]);
    expect(found.map((i) => `${i.versionText} ${i.path}`)).toEqual([
      "2.7.18 /a/python2",
      "3.9.18 /a/python3.9",
      "3.10.1 /b/python3.10",
      "3.10.2 /a/python3.10",
    ]);
  });
});

describe("discoverPythons with a fake PATH and pyenv", () => {
  it("finds PATH and pyenv interpreters, folds duplicates by version and sorts them", async () => {
    const home = join(scratch, "home");
    const bin = join(scratch, "bin");
    const pyenvRoot = join(scratch, "elsewhere");
    const pyenvPython = fakePython(join(home, ".pyenv/versions/3.99.0/bin/python"), "3.99.0\n");
    // A second install of the same version (e.g. a debug build) is folded into the first.
    fakePython(join(home, ".pyenv/versions/3.99.0-debug/bin/python"), "3.99.0\n");
    // A shim on PATH that resolves to the pyenv install: it reports the same version and path.
    fakePython(join(bin, "python3"), `3.99.0\n${pyenvPython}\n`);
    fakePython(join(bin, "python3.7"), "3.7.2\n");
    fakePython(join(bin, "python"), "2.7.18\n");
    // Something named like Python that prints no version is skipped, not fatal.
    fakePython(join(bin, "python3.12"), "pyenv: python3.12: command not found\n");
    // PYENV_ROOT is honoured next to ~/.pyenv.
    fakePython(join(pyenvRoot, "versions/3.98.1/bin/python3"), "3.98.1\n");

    const found = await discoverPythons({ PATH: bin, HOME: home, PYENV_ROOT: pyenvRoot });
    expect(found.map((i) => `${i.versionText} ${i.path}`)).toEqual([
      `2.7.18 ${join(bin, "python")}`,
      `3.7.2 ${join(bin, "python3.7")}`,
      `3.98.1 ${join(pyenvRoot, "versions/3.98.1/bin/python3")}`,
      `3.99.0 ${pyenvPython}`,
    ]);
  });

  it("lists the same file once even when several names link to it", () => {
    const dir = join(scratch, "links");
    const only = fakePython(join(dir, "python3.11"), "3.11.0\n");
    symlinkSync("python3.11", join(dir, "python3"));
    expect(candidatePaths({ PATH: `${dir}:${dir}` })).toEqual([only]);
  });

  it("finds nothing when neither PATH nor HOME has a Python", async () => {
    const empty = mkdtempSync(join(scratch, "empty-"));
    expect(await discoverPythons({ PATH: empty, HOME: empty })).toEqual([]);
  });

  it("finds at least one real interpreter on this machine", async () => {
    const found = await discoverPythons(process.env);
    expect(found.length).toBeGreaterThan(0);
    const versions = found.map((i) => i.versionText);
    expect(new Set(versions).size).toBe(versions.length);
    for (const i of found) expect(i.versionText).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe("resolvePythonArg", () => {
  it("looks a bare name up on PATH and checks a path exists", () => {
    const bin = join(scratch, "resolve");
    const path = fakePython(join(bin, "python3.50"), "3.50.0\n");
    expect(resolvePythonArg("python3.50", { PATH: bin })).toEqual({ ok: true, path });
    expect(resolvePythonArg("python3.51", { PATH: bin })).toEqual({ ok: false, reason: '"python3.51" was not found on PATH' });
    expect(resolvePythonArg("/nonexistent", {})).toEqual({ ok: false, reason: "/nonexistent: no such file" });
    expect(resolvePythonArg(bin, {})).toEqual({ ok: false, reason: `${bin} is not an executable file` });
  });
});
