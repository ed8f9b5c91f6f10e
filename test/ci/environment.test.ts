import { describe, expect, it } from 'vitest';
import { readCiEnvironment, runContext, runUrl } from '../../src/ci/environment.js';

const GITHUB = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SERVER_URL: 'https://github.com/',
  GITHUB_REPOSITORY: 'acme/api',
  GITHUB_RUN_ID: '99',
  GITHUB_RUN_NUMBER: '7',
};
const GITEA = {
  GITEA_ACTIONS: 'true',
  GITHUB_ACTIONS: 'true',
  GITHUB_SERVER_URL: 'https://git.example',
  GITHUB_REPOSITORY: 'acme/api',
  GITHUB_RUN_ID: '1234',
  GITHUB_RUN_NUMBER: '56',
};

describe('readCiEnvironment', () => {
  it('reads a GitHub Actions run: forge, event, repository, commit and run link', () => {
    const env = {
      ...GITHUB,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: '/tmp/event.json',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_REF: 'refs/heads/main',
    };
    expect(readCiEnvironment(env)).toEqual({
      forge: 'github',
      platform: 'github',
      actions: true,
      eventName: 'push',
      eventPath: '/tmp/event.json',
      serverUrl: 'https://github.com',
      repository: 'acme/api',
      sha: 'a'.repeat(40),
      ref: 'refs/heads/main',
      runUrl: 'https://github.com/acme/api/actions/runs/99',
    });
  });

  it('knows Gitea by GITEA_ACTIONS, with or without an event', () => {
    expect(readCiEnvironment(GITEA)).toMatchObject({ forge: 'gitea', platform: 'gitea', actions: true });
    expect(readCiEnvironment({ ...GITEA, GITHUB_EVENT_NAME: 'pull_request' })).toMatchObject({
      forge: 'gitea',
      platform: 'gitea',
      eventName: 'pull_request',
    });
  });

  it('is a local run without an event: GitHub conventions, no Actions runner, blank variables absent', () => {
    expect(readCiEnvironment({ GITHUB_EVENT_NAME: '  ', GITHUB_REPOSITORY: '', GITHUB_SHA: ' ' })).toEqual({
      forge: 'github',
      platform: 'local',
      actions: false,
    });
  });
});

describe('runUrl', () => {
  it('links a GitHub run by its id, and a re-run by its attempt', () => {
    expect(runUrl(GITHUB)).toBe('https://github.com/acme/api/actions/runs/99');
    expect(runUrl({ ...GITHUB, GITHUB_RUN_ATTEMPT: '1' })).toBe('https://github.com/acme/api/actions/runs/99');
    expect(runUrl({ ...GITHUB, GITHUB_RUN_ATTEMPT: '2' })).toBe(
      'https://github.com/acme/api/actions/runs/99/attempts/2',
    );
  });

  it('links a Gitea run by its id (GITHUB_RUN_ID), which Gitea 1.26+ routes by, not the per-repository run number', () => {
    expect(runUrl({ ...GITEA, GITHUB_RUN_ATTEMPT: '2' })).toBe('https://git.example/acme/api/actions/runs/1234');
  });

  it('is undefined without a server, repository or run id', () => {
    expect(runUrl({ ...GITHUB, GITHUB_SERVER_URL: '' })).toBeUndefined();
    expect(runUrl({ ...GITHUB, GITHUB_REPOSITORY: undefined })).toBeUndefined();
    expect(runUrl({ ...GITHUB, GITHUB_RUN_ID: ' ' })).toBeUndefined();
  });
});

describe('runContext', () => {
  it('is the report context: the run link, repository, commit and ref that are set', () => {
    expect(runContext({ ...GITHUB, GITHUB_SHA: 'b'.repeat(40) })).toEqual({
      runUrl: 'https://github.com/acme/api/actions/runs/99',
      repository: 'acme/api',
      sha: 'b'.repeat(40),
    });
    expect(runContext({})).toEqual({});
  });
});
