#!/usr/bin/env node
// Fails when openapi/openapi.json differs from what the controllers generate now.
// CI runs it (`npm run spec:check`); fix a failure with `npm run spec` and commit the result.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { generateSpec, validateSpecConfig } = require('@tsoa/cli');

async function main() {
  const root = path.resolve(__dirname, '..');
  process.chdir(root);
  const config = JSON.parse(fs.readFileSync('tsoa.json', 'utf8'));
  const committedPath = path.join(config.spec.outputDirectory, `${config.spec.specFileBaseName}.json`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'popgate-spec-'));
  try {
    config.spec.outputDirectory = tmp;
    await generateSpec(await validateSpecConfig(config));
    const generated = fs.readFileSync(path.join(tmp, `${config.spec.specFileBaseName}.json`), 'utf8');
    const committed = fs.existsSync(committedPath) ? fs.readFileSync(committedPath, 'utf8') : '';
    if (generated !== committed) {
      console.error(`${committedPath} is out of date: run \`npm run spec\` and commit it.`);
      process.exitCode = 1;
    } else {
      console.log(`${committedPath} matches the controllers.`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
