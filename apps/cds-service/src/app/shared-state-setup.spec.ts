import { ConfigError, loadConfig } from './app-config';
import { openSharedState } from './shared-state-setup';

describe('shared state from the environment', () => {
  it('stays in memory, per process, without REDIS_URL (the zero-setup default)', () => {
    const config = loadConfig({});
    expect(config.redisUrl).toBeUndefined();
    expect(openSharedState(config)).toBeUndefined();
  });

  it.each(['redis://127.0.0.1:6379/0', 'rediss://:secret@redis.example.internal:6380/2'])('reads REDIS_URL %s', (url) => {
    expect(loadConfig({ REDIS_URL: url, REDIS_KEY_PREFIX: 'fleet-a:' })).toMatchObject({ redisUrl: url, redisKeyPrefix: 'fleet-a:' });
  });

  it('refuses a REDIS_URL that is not redis:// or rediss://, without quoting it (it may carry a password)', () => {
    const env = { REDIS_URL: 'http://user:hunter2@redis.example' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).not.toThrow(/hunter2/);
  });

  it('reads DATABASE_SCHEMA for the feedback tables', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', DATABASE_SCHEMA: 'pcb_fleet' }).databaseSchema).toBe('pcb_fleet');
  });
});
