// Services without a config: workspaces, module roots and CODEOWNERS, each where it covers the
// code, top-level folders for the rest.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openRepo } from '../../src/git/repo.ts';
import { detectServices, generatedMatcher } from '../../src/features/report/services.ts';
import { createPlacer } from '../../src/model/placement.ts';
import { defaultConfig } from '../../src/model/config-defaults.ts';
import { cleanupTempDirs, TempRepo } from '../helpers/repo.ts';

test.after(() => cleanupTempDirs());

function detect(files: Record<string, string>) {
  const repo = new TempRepo();
  const head = repo.commit('files', files);
  const handle = openRepo(repo.dir);
  const detected = detectServices(handle, head, {});
  return { detected, placer: createPlacer(defaultConfig(), detected.services), generated: generatedMatcher(handle, head) };
}

test('npm workspaces name services after their packages', () => {
  const { detected, placer } = detect({
    'package.json': '{"workspaces":["packages/*"]}',
    'packages/api/package.json': '{"name":"@acme/api"}',
    'packages/api/src/x.ts': 'x\n',
    'packages/web/package.json': '{}',
    'README.md': 'r\n',
  });
  assert.is(detected.source, 'workspaces');
  assert.is(placer.service('packages/api/src/x.ts'), '@acme/api');
  assert.is(placer.service('packages/web/index.ts'), 'packages/web');
  assert.is(placer.service('README.md'), '(other)');
});

test('pnpm workspaces, CODEOWNERS, module roots, top-level folders', () => {
  assert.is(
    detect({ 'pnpm-workspace.yaml': 'packages:\n  - "apps/*"\n', 'apps/site/package.json': '{"name":"site"}' }).placer.service('apps/site/a.ts'),
    'site',
  );
  const owners = detect({
    '.github/CODEOWNERS': '* @all\n/services/api/ @api-team\n/services/web/ @web-team\n',
    'services/api/a.ts': 'a\n',
    'services/web/b.ts': 'b\n',
    'services/web/c.ts': 'c\n',
    'services/other/x.ts': 'x\n',
  });
  assert.is(owners.detected.source, 'CODEOWNERS');
  assert.is(owners.placer.service('services/api/deep/a.ts'), 'services/api');
  // Code CODEOWNERS does not name falls back to its top-level folder.
  assert.is(owners.placer.service('services/other/x.ts'), 'services');
  const roots = detect({
    'go/svc/go.mod': 'module x\n',
    'rust/Cargo.toml': '[package]\n',
    'rust/inner/Cargo.toml': '[package]\n',
    'py/pyproject.toml': '[project]\n',
  });
  assert.is(roots.detected.source, 'module roots');
  assert.is(roots.placer.service('rust/inner/src/lib.rs'), 'rust/inner');
  assert.is(roots.placer.service('rust/src/main.rs'), 'rust');
  assert.is(roots.placer.service('go/svc/main.go'), 'go/svc');
  const top = detect({ 'src/a.ts': 'a\n', 'test/b.ts': 'b\n', 'root.txt': 'r\n' });
  assert.is(top.detected.source, 'top-level folders');
  assert.is(top.placer.service('src/a.ts'), 'src');
  assert.is(top.placer.service('root.txt'), '(other)');
});

test('a pnpm monorepo: every package is a service named after it, tooling folders beside them', () => {
  const files: Record<string, string> = {
    'package.json': '{"name":"mono","private":true}',
    'pnpm-workspace.yaml': 'packages:\n  - "apps/*"\n  - "packages/*"\n  - "!packages/legacy"\n',
    'pnpm-lock.yaml': 'lockfileVersion: 9\n',
    '.github/CODEOWNERS': '* @org/all\n',
    '.github/workflows/ci.yml': 'on: push\n',
    'scripts/release.mjs': 'x\n',
    'packages/legacy/package.json': '{"name":"@mono/legacy"}',
    'packages/legacy/index.js': 'x\n',
  };
  for (const app of ['web', 'docs'])
    Object.assign(files, { [`apps/${app}/package.json`]: `{"name":"@mono/${app}"}`, [`apps/${app}/src/index.ts`]: 'x\n', [`apps/${app}/src/page.tsx`]: 'x\n' });
  for (const pkg of ['ui', 'utils', 'config'])
    Object.assign(files, { [`packages/${pkg}/package.json`]: `{"name":"@mono/${pkg}"}`, [`packages/${pkg}/src/index.ts`]: 'x\n' });
  const { detected, placer } = detect(files);
  assert.is(detected.source, 'workspaces');
  assert.is(placer.service('apps/web/src/page.tsx'), '@mono/web');
  assert.is(placer.service('packages/utils/src/index.ts'), '@mono/utils');
  // Excluded from the workspace: its top-level folder, not (other).
  assert.is(placer.service('packages/legacy/index.js'), 'packages');
  assert.is(placer.service('scripts/release.mjs'), 'scripts');
  assert.ok(detected.otherFiles < 0.25, `otherFiles ${detected.otherFiles}`);
  assert.equal(
    detected.sources.map((s) => s.source),
    ['workspaces', 'top-level folders'],
  );
});

test('a Rust repository whose CODEOWNERS only covers .github: the code keeps its own services', () => {
  const files: Record<string, string> = {
    'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n',
    'Cargo.lock': 'x\n',
    '.github/CODEOWNERS': '/.github/ @org/infra\n',
    '.github/workflows/ci.yml': 'on: push\n',
    'README.md': 'r\n',
  };
  for (const crate of ['core', 'cli', 'git']) {
    files[`crates/${crate}/Cargo.toml`] = `[package]\nname = "${crate}"\n`;
    for (let i = 0; i < 5; i++) files[`crates/${crate}/src/m${i}.rs`] = 'fn x() {}\n';
  }
  for (let i = 0; i < 4; i++) files[`tests/it${i}.rs`] = 't\n';
  const { detected, placer } = detect(files);
  assert.is(detected.source, 'module roots');
  assert.is(placer.service('crates/core/src/m1.rs'), 'crates/core');
  assert.is(placer.service('crates/git/src/m4.rs'), 'crates/git');
  assert.is(placer.service('tests/it2.rs'), 'tests');
  assert.is(placer.service('.github/workflows/ci.yml'), '.github');
  assert.ok(detected.otherFiles < 0.2, `otherFiles ${detected.otherFiles}`);
});

test('a C repository with a few crates under contrib/: the crates are services, the rest by folder', () => {
  const files: Record<string, string> = { Makefile: 'all:\n', 'README.md': 'r\n' };
  for (let i = 0; i < 6; i++) files[`builtin/cmd${i}.c`] = 'int x;\n';
  for (let i = 0; i < 6; i++) files[`t/t${i}.sh`] = 'echo\n';
  for (let i = 0; i < 3; i++) files[`Documentation/d${i}.txt`] = 'd\n';
  for (let i = 0; i < 3; i++) files[`lib${i}.c`] = 'int y;\n';
  for (const crate of ['libgit-sys', 'libgit-rs'])
    Object.assign(files, { [`contrib/${crate}/Cargo.toml`]: '[package]\n', [`contrib/${crate}/src/lib.rs`]: 'x\n' });
  files['contrib/completion/git-completion.bash'] = 'c\n';
  const { detected, placer } = detect(files);
  assert.is(detected.source, 'top-level folders');
  assert.is(placer.service('contrib/libgit-rs/src/lib.rs'), 'contrib/libgit-rs');
  assert.is(placer.service('contrib/completion/git-completion.bash'), 'contrib');
  assert.is(placer.service('builtin/cmd3.c'), 'builtin');
  assert.is(placer.service('t/t1.sh'), 't');
  assert.is(placer.service('lib1.c'), '(other)');
  assert.ok(detected.otherFiles < 0.5, `otherFiles ${detected.otherFiles}`);
  assert.equal(
    detected.sources.map((s) => s.source),
    ['top-level folders', 'module roots'],
  );
});

test('the report says where services came from and how to pin them', () => {
  const repo = new TempRepo();
  repo.commit('files', {
    'pnpm-workspace.yaml': 'packages: ["apps/*"]\n',
    'apps/site/package.json': '{"name":"site"}',
    'apps/site/a.ts': 'a\nb\n',
    'tools/x.sh': 'x\n',
  });
  const report = repo.json(['report', '--format', 'json', '--no-cache']);
  assert.is(report.serviceSource, 'workspaces');
  assert.equal(report.serviceDetection.services, { tools: ['/tools/'], site: ['/apps/site/'] });
  assert.equal(report.serviceDetection.sources.map((s: any) => s.source).sort(), ['top-level folders', 'workspaces']);
  const table = repo.cli(['report', '--no-cache']);
  assert.match(
    table.stdout,
    /Services detected from workspaces \(1 service, 50\.0% of files\), top-level folders \(1 service, 25\.0% of files\); 25\.0% of files in \(other\)/,
  );
  assert.match(table.stdout, /services:` in \.provenance\.yml/);
});

test('.gitattributes linguist-generated / -vendored, with unsetting and nested files', () => {
  const { generated } = detect({
    '.gitattributes': 'dist/** linguist-generated\n*.pb.go linguist-generated=true\nvendor/** linguist-vendored\nvendor/ours/** -linguist-vendored\n',
    'sub/.gitattributes': 'gen.ts linguist-generated\n',
    'a.ts': 'a\n',
  });
  assert.ok(generated('dist/x.js'));
  assert.ok(generated('api/foo.pb.go'));
  assert.ok(generated('vendor/lib/x.go'));
  assert.not.ok(generated('vendor/ours/x.go'));
  assert.ok(generated('sub/deep/gen.ts'));
  assert.not.ok(generated('gen.ts'));
  assert.not.ok(generated('a.ts'));
});

test.run();
