/**
 * What `npm test` needs beyond Node.js, checked before anything slow runs (the type-check, DynamoDB
 * Local, a browser): each missing one is named in one sentence with the command that installs it.
 * Only files are looked at, never a process started, so the check takes milliseconds.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The variable that names a browser when none of the usual names is on PATH. */
export const CHROMIUM_ENV = 'PROCWATCH_CHROMIUM';
const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

export interface Requirement {
  name: string;
  /** The executable found, or null. */
  found: string | null;
  /** The one sentence shown when it is missing. */
  missing: string;
}

function executable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(names: string[], env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) if (executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

export function findJava(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.JAVA_HOME && executable(join(env.JAVA_HOME, 'bin', 'java'))) return join(env.JAVA_HOME, 'bin', 'java');
  return onPath(['java'], env);
}

/** The variable wins when it names a browser; a variable naming nothing usable is not silently ignored. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const named = env[CHROMIUM_ENV];
  if (named) return executable(named) ? named : null;
  return onPath(CHROMIUM_NAMES, env);
}

export function requirements(env: NodeJS.ProcessEnv = process.env): Requirement[] {
  const named = env[CHROMIUM_ENV];
  return [
    {
      name: 'java',
      found: findJava(env),
      missing:
        'DynamoDB Local needs a Java runtime and none was found (JAVA_HOME or java on PATH): ' +
        'install one with `sudo apt-get install openjdk-17-jre-headless` (macOS: `brew install openjdk@17`).',
    },
    {
      name: 'chromium',
      found: findChromium(env),
      missing: named
        ? `${CHROMIUM_ENV}=${named} is not an executable file: point it at a Chromium or Chrome binary, ` +
          'or install one with `sudo apt-get install chromium`.'
        : 'The web page tests need Chromium or Chrome and none was found on PATH ' +
          `(${CHROMIUM_NAMES.join(', ')}): install it with \`sudo apt-get install chromium\` ` +
          `(macOS: \`brew install --cask chromium\`), or name one with ${CHROMIUM_ENV}=/path/to/chrome.`,
    },
  ];
}

/** The sentences for what is missing; empty when everything is there. */
export function missingRequirements(env: NodeJS.ProcessEnv = process.env): string[] {
  return requirements(env)
    .filter((r) => !r.found)
    .map((r) => r.missing);
}
