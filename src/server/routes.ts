import type { Hono } from 'hono';
import type { ServerContext } from './context.js';

/** A capability's HTTP routes: a sub-app mounted under /api/<name>. */
export interface RouteGroup {
  name: string;
  create(context: ServerContext): Promise<Hono> | Hono;
}

/** The one list of route groups served by `lmscope serve` (loaded lazily). */
export const routeModules: (() => Promise<{ routes: RouteGroup }>)[] = [
  () => import('../index/routes.js'),
  () => import('../trace/routes.js'),
  () => import('../evaltree/routes.js'),
  () => import('../lm/routes.js'),
  () => import('../rewardbench/routes.js'),
  () => import('../rewards/routes.js'),
  () => import('../thinking/routes.js'),
];
