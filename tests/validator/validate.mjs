// validate.mjs: runs the Khronos glTF Validator (the pinned npm package) on one .glb or .gltf file
// and prints its issue report as JSON: numErrors, numWarnings, numInfos, numHints, messages.
// Usage: node tests/validator/validate.mjs FILE. Exits 0 with a report, 2 when it cannot run.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import validator from 'gltf-validator';

const file = process.argv[2];
if (!file) {
    console.error('usage: node validate.mjs FILE.glb');
    process.exit(2);
}

try {
    const bytes = new Uint8Array(await readFile(file));
    const report = await validator.validateBytes(bytes, {
        uri: path.basename(file),
        maxIssues: 0, // no limit
        externalResourceFunction: async (uri) => {
            const resource = path.resolve(path.dirname(file), decodeURIComponent(uri));
            return new Uint8Array(await readFile(resource));
        },
    });
    const issues = report.issues;
    console.log(JSON.stringify({
        file,
        validatorVersion: report.validatorVersion,
        numErrors: issues.numErrors,
        numWarnings: issues.numWarnings,
        numInfos: issues.numInfos,
        numHints: issues.numHints,
        truncated: issues.truncated,
        messages: issues.messages,
    }, null, 2));
} catch (error) {
    console.error(`validate.mjs: ${file}: ${error}`);
    process.exit(2);
}
