import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { validate, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';
import ts from 'typescript';
import { readRepoFile, REPO_ROOT } from '../../support/repo-files';
import { execForm, healthcheckOf, type Instruction, parseDockerfile } from './dockerfile-reader';

/**
 * The images cannot be built here (no Docker engine on these machines), so this file checks
 * what can be checked without one: the Dockerfiles' syntax (dockerfile-utils, the validator
 * behind VS Code's Dockerfile support), the properties docs/deployment.md promises, that the
 * CMD path is what `npm run build` writes, that the build context keeps what the build
 * reads, and that the HEALTHCHECK command really tells a live server from a dead one.
 */

const run = promisify(execFile);
const DOCKERFILES = ['Dockerfile', 'docker/dovecot/Dockerfile'];
const STRICTEST: ValidatorSettings = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

const gateway = parseDockerfile(readRepoFile('Dockerfile'));
const inStage = (stage: number, keyword: string): Instruction[] =>
  gateway.filter((instruction) => instruction.stage === stage && instruction.keyword === keyword);
const lastStage = Math.max(...gateway.map((instruction) => instruction.stage));

describe('the Dockerfiles', () => {
  it.each(DOCKERFILES)('%s passes dockerfile-utils lint with every check raised to an error', (file) => {
    const problems = validate(readRepoFile(file), STRICTEST).map(
      (diagnostic) => `line ${diagnostic.range.start.line + 1}: ${typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value}`,
    );
    expect(problems).toEqual([]);
  });

  it('the linter does find a mistake when there is one (so a pass means something)', () => {
    const problems = validate('FROM node:20-bookworm-slim\nHEALTHCHECK --interva=30s CMD ["true"]\n', STRICTEST);
    expect(problems.map((diagnostic) => diagnostic.message)).toContain('Unknown flag: interva');
  });

  it.each(DOCKERFILES)('%s names an explicit tag on every base image, never latest', (file) => {
    const stageNames = new Set<string>();
    for (const from of parseDockerfile(readRepoFile(file)).filter((instruction) => instruction.keyword === 'FROM')) {
      const [image = '', as, name] = from.args.split(' ');
      if (!stageNames.has(image)) expect(image).toMatch(/^[a-z0-9./-]+:(?!latest$)[\w.-]+$/);
      if (as?.toUpperCase() === 'AS' && name !== undefined) stageNames.add(name);
    }
  });
});

describe('the gateway Dockerfile', () => {
  it('builds in a node:20-bookworm-slim builder stage and runs in a fresh node:20-bookworm-slim stage', () => {
    expect(gateway.filter((instruction) => instruction.keyword === 'FROM').map((from) => from.args)).toEqual([
      'node:20-bookworm-slim AS builder',
      'node:20-bookworm-slim AS runtime',
    ]);
  });

  it('installs from the lockfile, builds, then drops the dev dependencies in the builder', () => {
    const commands = inStage(0, 'RUN').map((instruction) => instruction.args).join(' && ');
    const order = ['npm ci', 'npm run build', 'npm prune --omit=dev'].map((command) => commands.indexOf(command));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(commands).not.toMatch(/npm install/);
  });

  it('copies the lockfile before the sources, so a source edit reuses the dependency layer', () => {
    const copies = inStage(0, 'COPY').map((instruction) => instruction.args);
    expect(copies[0]).toBe('package.json package-lock.json ./');
    const npmCi = inStage(0, 'RUN').find((instruction) => instruction.args.includes('npm ci'));
    const copyAll = inStage(0, 'COPY').find((instruction) => instruction.args === '. .');
    expect(npmCi!.line).toBeLessThan(copyAll!.line);
  });

  it('takes only the built code, production node_modules, package.json and the spec into the runtime stage', () => {
    expect(inStage(lastStage, 'COPY').map((instruction) => instruction.args)).toEqual([
      '--from=builder /app/package.json ./package.json',
      '--from=builder /app/node_modules ./node_modules',
      '--from=builder /app/dist ./dist',
      '--from=builder /app/openapi ./openapi',
    ]);
    expect(inStage(lastStage, 'RUN')).toEqual([]);
  });

  it('runs as the non-root node user with NODE_ENV=production on port 3000', () => {
    const users = inStage(lastStage, 'USER');
    expect(users.map((user) => user.args)).toEqual(['node']);
    expect(inStage(lastStage, 'ENV').map((env) => env.args)).toContain('NODE_ENV=production');
    expect(inStage(lastStage, 'EXPOSE').map((expose) => expose.args)).toEqual(['3000']);
    const cmd = inStage(lastStage, 'CMD')[0]!;
    expect(users[0]!.line).toBeLessThan(cmd.line);
  });

  it('starts node on dist/src/server.js, the file `npm run build` (tsconfig.build.json) writes for src/server.ts', () => {
    const [node, script, ...rest] = execForm(inStage(lastStage, 'CMD')[0]!.args);
    expect(node).toBe('node');
    expect(rest).toEqual([]);

    const parsed = ts.getParsedCommandLineOfConfigFile(join(REPO_ROOT, 'tsconfig.build.json'), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    });
    const outputs = ts.getOutputFileNames(parsed!, join(REPO_ROOT, 'src', 'server.ts'), false);
    expect(outputs.map((output) => relative(REPO_ROOT, output))).toContain(script);
    expect(JSON.parse(readRepoFile('package.json')).scripts.build).toContain('tsc -p tsconfig.build.json');
    expect(JSON.parse(readRepoFile('package.json')).main).toBe(script);
  });

  it('has src/server.ts, the entry point the CMD runs once built', () => {
    expect(existsSync(join(REPO_ROOT, 'src', 'server.ts'))).toBe(true);
  });
});

describe("the gateway image's HEALTHCHECK", () => {
  const { options, command } = healthcheckOf(inStage(lastStage, 'HEALTHCHECK')[0]!.args);
  let server: Server;
  let status = 200;

  beforeAll(async () => {
    server = createServer((request, response) => {
      response.statusCode = request.url === '/healthz' ? status : 404;
      response.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Runs the image's health command with node, as Docker would, and returns its exit code. */
  async function healthcheckExitCode(port: number): Promise<number> {
    expect(command[0]).toBe('node');
    try {
      await run(process.execPath, command.slice(1), { env: { PATH: process.env.PATH, PORT: String(port) }, timeout: 10_000 });
      return 0;
    } catch (error) {
      return (error as { code?: number }).code ?? -1;
    }
  }

  it('uses node itself (no curl in slim images) with a timeout shorter than its interval', () => {
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(parseInt(options.timeout ?? '', 10)).toBeLessThan(parseInt(options.interval ?? '', 10));
  });

  it('exits 0 while /healthz answers 200 on $PORT', async () => {
    status = 200;
    expect(await healthcheckExitCode((server.address() as AddressInfo).port)).toBe(0);
  });

  it('exits 1 when /healthz answers an error status', async () => {
    status = 503;
    expect(await healthcheckExitCode((server.address() as AddressInfo).port)).toBe(1);
  });

  it('exits 1 when nothing listens on the port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await healthcheckExitCode(port)).toBe(1);
  });
});

describe('.dockerignore', () => {
  const patterns = readRepoFile('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  /** Docker's rule: a path is left out if a pattern matches it or a folder above it; the last match wins. */
  function ignored(path: string): boolean {
    let result = false;
    const prefixes = path.split('/').map((_, index, parts) => parts.slice(0, index + 1).join('/'));
    for (const raw of patterns) {
      const negated = raw.startsWith('!');
      const pattern = globToRegExp((negated ? raw.slice(1) : raw).replace(/^\/+|\/+$/g, ''));
      if (prefixes.some((prefix) => pattern.test(prefix))) result = !negated;
    }
    return result;
  }

  it('keeps every file the builder stage reads in the build context', () => {
    const buildInputs = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'tsoa.json', 'openapi/openapi.json'];
    const parsed = ts.getParsedCommandLineOfConfigFile(join(REPO_ROOT, 'tsconfig.build.json'), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    });
    // src/generated is rebuilt by `tsoa routes` inside the image.
    const sources = parsed!.fileNames
      .map((file) => relative(REPO_ROOT, file))
      .filter((file) => file.startsWith('src/') && !file.startsWith('src/generated/'));
    expect(sources).toContain('src/config.ts');
    expect([...buildInputs, ...sources].filter(ignored)).toEqual([]);
  });

  it('leaves out installed modules, build output, git history and local env files', () => {
    for (const path of ['node_modules/express/package.json', 'dist/src/server.js', '.git/HEAD', '.env', 'test/unit/config.test.ts']) {
      expect({ path, ignored: ignored(path) }).toEqual({ path, ignored: true });
    }
  });
});

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index]!;
    if (char === '*' && glob[index + 1] === '*') {
      source += '.*';
      index += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
