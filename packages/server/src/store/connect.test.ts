// Choosing the backend from the database URL.
import { describe, expect, it } from 'vitest';
import { describeLocation, parseStoreUrl } from './connect.js';

describe('parseStoreUrl', () => {
  it('puts SQLite in the data directory when no URL is given', () => {
    expect(parseStoreUrl(undefined, '/srv/data')).toEqual({ backend: 'sqlite', file: '/srv/data/shopfloor.db' });
  });

  it('reads sqlite: paths and the in-memory database', () => {
    expect(parseStoreUrl('sqlite:/var/lib/sf.db', '/x')).toEqual({ backend: 'sqlite', file: '/var/lib/sf.db' });
    expect(parseStoreUrl('sqlite:///var/lib/sf.db', '/x')).toEqual({ backend: 'sqlite', file: '/var/lib/sf.db' });
    expect(parseStoreUrl('sqlite::memory:', '/x')).toEqual({ backend: 'sqlite', file: ':memory:' });
  });

  it('reads postgres URLs with an optional schema', () => {
    expect(parseStoreUrl('postgres://root@127.0.0.1:5432/test?schema=plant_a', '/x')).toEqual({
      backend: 'postgres',
      connectionString: 'postgres://root@127.0.0.1:5432/test',
      schema: 'plant_a',
    });
    expect(parseStoreUrl('postgresql://u@db/shop', '/x')).toMatchObject({ backend: 'postgres', schema: undefined });
  });

  it('describes where the data lives without the password', () => {
    expect(describeLocation(parseStoreUrl('postgres://sf:hunter2@db:5432/plant?schema=site_a', '/x'))).toBe(
      'postgres://sf:***@db:5432/plant (schema site_a)',
    );
    expect(describeLocation(parseStoreUrl(undefined, '/srv/data'))).toBe('sqlite:/srv/data/shopfloor.db');
  });

  it('refuses other URLs and unsafe schema names, hiding the password', () => {
    expect(() => parseStoreUrl('mysql://u:secret@db/x', '/x')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => parseStoreUrl('mysql://u:secret@db/x', '/x')).not.toThrow(/secret/);
    expect(() => parseStoreUrl('postgres://db/x?schema=a;drop', '/x')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
