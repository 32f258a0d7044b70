// ESLint runs a short list of type-aware rules that catch real bugs in async database code
// (CONVENTIONS C12). No preset on purpose: recommended-type-checked would bury these under style findings.
import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'

export default defineConfig(
  { ignores: ['node_modules/', 'data/', 'dist/', 'coverage/', '.bench/', '.scratch/', '.scratch-tmp/'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.cjs'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        // Files outside tsconfig.json (the JavaScript ones) get a default project of their own.
        projectService: {
          allowDefaultProject: [
            'eslint.config.js',
            '.dependency-cruiser.cjs',
            'bin/comptoir.js',
            'src/web/assets/*.js',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description' },
      ],
    },
  },
)
