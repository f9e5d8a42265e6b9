/**
 * The routes Fastify knows, kept so that a request on a known path with the wrong method gets a 405
 * (with `Allow`) rather than a 404.
 */
export class RouteTable {
  private readonly routes: Array<{ pattern: RegExp; methods: Set<string> }> = [];

  add(url: string, methods: string | string[]): void {
    const source = url
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    // Exactly the registered path: Fastify does not route `/users/` to `/users`, so neither does the 405.
    const pattern = new RegExp(`^${source}$`);
    let entry = this.routes.find((route) => route.pattern.source === pattern.source);
    if (!entry) {
      entry = { pattern, methods: new Set() };
      this.routes.push(entry);
    }
    for (const method of Array.isArray(methods) ? methods : [methods]) entry.methods.add(method.toUpperCase());
  }

  /** The methods allowed on a path, empty when no route matches it. */
  allowedMethods(path: string): string[] {
    const clean = path.split('?')[0];
    const methods = new Set<string>();
    for (const route of this.routes) if (route.pattern.test(clean)) route.methods.forEach((method) => methods.add(method));
    return [...methods].sort();
  }
}
