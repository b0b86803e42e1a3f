import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder this code runs from: `src` under tsx, `dist` when compiled. Views sit beside the code. */
export const appDir = path.dirname(fileURLToPath(import.meta.url))
export const projectRoot = path.resolve(appDir, '..')
export const publicDir = path.join(projectRoot, 'public')
export const nodeModulesDir = path.join(projectRoot, 'node_modules')
