import { describe, expect, it } from 'vitest';
import { ActionInputsSchema } from '../../src/action/inputs.js';
import { ConfigSchema } from '../../src/config/schema.js';
import { annotationPrefix, publishSettings } from '../../src/action/publish.js';

describe('annotationPrefix', () => {
  it('makes project-relative files repository-relative when working-directory is a subfolder', () => {
    expect(annotationPrefix('examples/backend', { GITHUB_WORKSPACE: '/w/repo' })).toBe('examples/backend/');
    expect(annotationPrefix('./examples/backend/', { GITHUB_WORKSPACE: '/w/repo' })).toBe('examples/backend/');
    expect(annotationPrefix('.', { GITHUB_WORKSPACE: '/w/repo' })).toBe('');
    expect(annotationPrefix('/elsewhere', { GITHUB_WORKSPACE: '/w/repo' })).toBe('');
  });
});

describe('publishSettings', () => {
  const config = { ...ConfigSchema.parse({}).report, statusContext: 'ci / db', prComment: 'always' as const };

  it('takes the config for what the inputs leave open', () => {
    const inputs = ActionInputsSchema.parse({ token: 't0k3n' });
    expect(publishSettings(inputs, config, 'out/r.json')).toEqual({
      reportPath: 'out/r.json',
      summary: true,
      workingDirectory: '.',
      token: 't0k3n',
      commitStatus: true,
      statusContext: 'ci / db',
      prComment: 'always',
    });
  });

  it('lets a given input win over the config', () => {
    const inputs = ActionInputsSchema.parse({
      statusContext: 'mine',
      prComment: 'never',
      commitStatus: 'false',
      summary: 'false',
    });
    expect(publishSettings(inputs, config, 'r.json')).toMatchObject({
      statusContext: 'mine',
      prComment: 'never',
      commitStatus: false,
      summary: false,
    });
    expect(publishSettings(inputs, config, 'r.json')).not.toHaveProperty('token');
  });
});
