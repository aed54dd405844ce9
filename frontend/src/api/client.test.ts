import { ApiError, fillPath, request } from './client';
import { fakeGateway } from '../test/fakeGateway';

describe('request', () => {
  it('sends the key as a bearer token and returns the JSON answer', async () => {
    const { calls } = fakeGateway({ 'GET /api/v1/whoami': { body: { name: 'ann', role: 'viewer' } } });
    await expect(request('/api/v1/whoami', { key: 'k1' })).resolves.toEqual({ name: 'ann', role: 'viewer' });
    expect(calls[0].headers.Authorization).toBe('Bearer k1');
  });

  it('turns a problem answer into an ApiError naming the field', async () => {
    fakeGateway({
      'POST /api/v1/search': { status: 400, body: { status: 400, detail: 'query must not be empty', field: 'query' } },
    });
    const error = (await request("/api/v1/search", { method: "POST", body: { query: "" } }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toBe('query must not be empty (field: query)');
  });

  it('says plainly when the key is refused or the role too low', async () => {
    fakeGateway({
      'GET /api/v1/keys': { status: 403, body: { detail: 'forbidden' } },
      'GET /api/v1/config': { status: 401, body: { detail: 'invalid API key' } },
    });
    await expect(request('/api/v1/keys')).rejects.toThrow('Your role does not allow this.');
    await expect(request('/api/v1/config')).rejects.toThrow('Your API key was not accepted');
  });

  it('reports an unreachable gateway instead of throwing a TypeError', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(request('/ready')).rejects.toMatchObject({ status: 0, message: expect.stringContaining('could not be reached') });
  });

  it('accepts listed error statuses as answers (/ready answers 503 with its report)', async () => {
    fakeGateway({ 'GET /ready': { status: 503, body: { status: 'degraded', backends: {} } } });
    await expect(request('/ready', { acceptStatus: [503] })).resolves.toEqual({ status: 'degraded', backends: {} });
  });

  it('escapes path parameters and adds non-empty query parameters', async () => {
    expect(fillPath('/api/v1/knowledge/documents/{document_id}', { document_id: 'a/b c' })).toBe(
      '/api/v1/knowledge/documents/a%2Fb%20c',
    );
    const { calls } = fakeGateway({ 'GET /api/v1/incidents': { body: { items: [], next_cursor: null } } });
    await request('/api/v1/incidents', { query: { status: 'open', service: '', limit: 20 } });
    expect(calls[0].path).toBe('/api/v1/incidents?status=open&limit=20');
  });
});
