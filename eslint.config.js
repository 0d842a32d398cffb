import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'dist-cli', 'dist-bench', 'node_modules', 'coverage', 'out'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The core stays free of React, the DOM shell and Node I/O (STYLE.md: pure core, thin shells).
    files: ['src/model/**', 'src/rules/**', 'src/render/**', 'src/import/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Node's modules under either name: 'node:fs' and the bare 'fs'.
          paths: builtinModules.map((name) => ({ name, message: 'The core runs in the browser too: no Node modules.' })),
          patterns: ['react', 'react-dom', 'node:*', '../forms/*', '../cli/*'],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage', 'indexedDB', 'HTMLElement', 'DOMParser', 'XMLHttpRequest', 'fetch', 'self', 'process', 'Buffer', 'global', 'require', '__dirname', '__filename'].map(
          (name) => ({ name, message: 'The core (model, rules, render, import) runs in the browser and in Node alike: no DOM and no Node globals.' }),
        ),
      ],
    },
  },
);
