#!/usr/bin/env node
import { runDemo } from './run-demo.js';

process.exitCode = await runDemo({ argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr });
