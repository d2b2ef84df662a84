// GET /api/reference: the territories (KATO regions and districts with Kazakh and Russian names)
// for the browser, which cannot read the contracts' CSV files itself. Public: it is reference
// data, the same for everyone, and the sign-in form needs it.
import { districts, regions } from '@kelisim/contracts/reference/regions';
import type { HttpApp } from '@kelisim/service-kit/http';

export function registerReferenceRoute(app: HttpApp): void {
  const body = JSON.stringify({
    regions: regions.map((r) => ({ kato: r.kato, names: { kk: r.names.kk, ru: r.names.ru } })),
    districts: districts.map((d) => ({
      kato: d.kato,
      regionKato: d.regionKato,
      names: { kk: d.names.kk, ru: d.names.ru },
    })),
  });
  app.get('/api/reference', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/json').header('cache-control', 'public, max-age=3600').send(body),
  );
}
