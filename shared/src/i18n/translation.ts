/** Another language's messages for a reference module: the same keys, any text. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
