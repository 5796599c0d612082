#!/usr/bin/env node
// `npm run spec`: writes openapi/openapi.json from the controllers and models, then the
// TypeScript client's types from that spec. Commit both; `npm run spec:check` compares them.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, SPEC_PATH, CLIENT_TYPES_PATH, specText, clientTypesText } = require('./openapi-artifacts');

async function main() {
  const spec = await specText();
  fs.writeFileSync(path.join(ROOT, SPEC_PATH), spec);
  fs.writeFileSync(path.join(ROOT, CLIENT_TYPES_PATH), await clientTypesText(spec));
  console.log(`wrote ${SPEC_PATH} and ${CLIENT_TYPES_PATH}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
