import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../support/repo-files';

/**
 * docker-compose (Debian's v1 package) as a validator: `config` parses, checks against
 * the Compose schema, interpolates and merges override files, and needs no Docker engine.
 */

const run = promisify(execFile);

export interface ComposeResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `docker-compose <args>` in `cwd` with a clean environment (no stray LOG_LEVEL or COMPOSE_FILE). */
export async function dockerCompose(args: string[], cwd = REPO_ROOT): Promise<ComposeResult> {
  try {
    const { stdout, stderr } = await run('docker-compose', args, {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      timeout: 30_000,
    });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number | string; stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new Error('docker-compose is not installed: apt-get install docker-compose (scripts/test.sh does)');
    }
    return { exitCode: typeof failure.code === 'number' ? failure.code : -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

export interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number | null>;
  ports?: (string | { target: number | string; published?: number | string })[];
  expose?: (string | number)[];
  volumes?: (string | { source?: string; target: string; read_only?: boolean; type?: string })[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string };
  command?: string[] | string;
}

export interface ComposeModel {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** The merged model `docker-compose [-f …] config` prints, as an object. */
export async function composeModel(files: string[]): Promise<ComposeModel> {
  const result = await dockerCompose([...files.flatMap((file) => ['-f', file]), 'config']);
  if (result.exitCode !== 0) throw new Error(`docker-compose config failed: ${result.stderr}`);
  // YAML → JSON with the Python that docker-compose itself runs on: PyYAML is one of the
  // package's own dependencies, which saves a YAML parser in package.json.
  const python = await interpreterOf('docker-compose');
  const { stdout } = await run(python, ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.argv[1])))', result.stdout], {
    timeout: 10_000,
  });
  return JSON.parse(stdout) as ComposeModel;
}

/** The interpreter named on the `#!` line of a script on PATH. */
async function interpreterOf(command: string): Promise<string> {
  const { stdout } = await run('sh', ['-c', 'command -v "$1"', 'sh', command]);
  const shebang = readFileSync(stdout.trim(), 'utf8').split('\n', 1)[0] ?? '';
  const interpreter = /^#!\s*(\S+)/.exec(shebang)?.[1];
  if (interpreter === undefined) throw new Error(`${command} is not a script with a #! line`);
  return interpreter;
}

/** `"3000:3000"` or `{published, target}` → `{ published, target }` (published null if none). */
export function portMappings(service: ComposeService): { published: number | null; target: number }[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'string') {
      const parts = port.split(':');
      const target = Number(parts[parts.length - 1]);
      return { published: parts.length > 1 ? Number(parts[parts.length - 2]) : null, target };
    }
    return { published: port.published === undefined ? null : Number(port.published), target: Number(port.target) };
  });
}

/** `"certs:/certs:ro"` or `{source, target, read_only}` → `{ source, target, readOnly }`. */
export function volumeMounts(service: ComposeService): { source: string; target: string; readOnly: boolean }[] {
  return (service.volumes ?? []).map((volume) => {
    if (typeof volume === 'string') {
      const [source = '', target = '', mode = 'rw'] = volume.split(':');
      return { source, target, readOnly: mode.split(',').includes('ro') };
    }
    return { source: volume.source ?? '', target: volume.target, readOnly: volume.read_only === true };
  });
}

/** The file behind a bind mount's source, relative paths resolved from the repo root. */
export function readBindSource(source: string): string {
  return readFileSync(source.startsWith('/') ? source : `${REPO_ROOT}/${source}`, 'utf8');
}
