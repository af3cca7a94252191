// Services without a config: workspaces, then CODEOWNERS, then module roots, else top-level folders.

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
  const owners = detect({ '.github/CODEOWNERS': '* @all\n/services/api/ @api-team\n/services/web/ @web-team\n', 'services/api/a.ts': 'a\n' });
  assert.is(owners.detected.source, 'CODEOWNERS');
  assert.is(owners.placer.service('services/api/deep/a.ts'), 'services/api');
  assert.is(owners.placer.service('other/x.ts'), '(other)');
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
