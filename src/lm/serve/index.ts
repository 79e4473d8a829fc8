export { createLmServerApp, type LmServerOptions } from './lmServerApp.js';
