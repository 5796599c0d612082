import { OPENAPI_SPEC } from '../ops/docs';
import { UNIQUE_ID_PATTERN } from '../../pop3/limits';
import { MESSAGE_ID_ALLOWED } from '../input/message-id';

/**
 * What each path and query parameter allows, in words, read from the spec's parameter schemas —
 * so the controllers' annotations (@minimum, @maximum, enums, @pattern) stay the one home of
 * each rule and a 400 can say "limit must be an integer from 1 to 1000".
 */
export const PARAMETER_RULES: ReadonlyMap<string, string> = rulesOf(OPENAPI_SPEC);

/** The longest stretch of a refused value repeated back in a detail. */
const MAX_ECHOED_VALUE = 40;

/**
 * `limit must be an integer from 1 to 1000; got "abc".` A field of a request body, which the
 * spec's parameters do not describe, keeps the validator's own words: `account.pop3.host: 'host' is required.`
 */
export function parameterProblem(name: string, value: unknown, validatorMessage: string): string {
  const rule = PARAMETER_RULES.get(name);
  if (rule === undefined) return `${name}: ${validatorMessage.replace(/\.$/, '')}.`;
  return `${name} must be ${rule}; ${describeValue(value)}.`;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'it was given more than once';
  if (value === undefined) return 'it is missing';
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return `got ${JSON.stringify(text.length > MAX_ECHOED_VALUE ? `${text.slice(0, MAX_ECHOED_VALUE)}…` : text)}`;
}

interface ParameterSchema {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

function rulesOf(spec: Readonly<Record<string, unknown>>): Map<string, string> {
  const rules = new Map<string, string>();
  const paths = (spec.paths ?? {}) as Record<string, Record<string, { parameters?: { name: string; schema?: ParameterSchema }[] }>>;
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      for (const { name, schema } of operation.parameters ?? []) {
        const rule = schema === undefined ? undefined : ruleOf(schema);
        if (rule !== undefined) rules.set(name, rule);
      }
    }
  }
  return rules;
}

function ruleOf(schema: ParameterSchema): string | undefined {
  if (schema.enum !== undefined) return oneOf(schema.enum.map((value) => JSON.stringify(value)));
  if (schema.pattern === UNIQUE_ID_PATTERN.source) return MESSAGE_ID_ALLOWED;
  switch (schema.type) {
    case 'boolean':
      return 'true or false';
    case 'integer':
      if (schema.minimum !== undefined && schema.maximum !== undefined) return `an integer from ${schema.minimum} to ${schema.maximum}`;
      if (schema.minimum !== undefined) return `an integer of ${schema.minimum} or more`;
      return 'an integer';
  }
  return undefined;
}

function oneOf(choices: string[]): string {
  return choices.length <= 2 ? choices.join(' or ') : `one of ${choices.join(', ')}`;
}
