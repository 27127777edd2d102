import { defineStore } from 'pinia'
import { getCatalogMeta } from '@/api/catalog'
import { getDiscretionVocabulary } from '@/api/discretion'
import type { CatalogMeta, CodeName, DiscretionVocabulary } from '@/api/types'

interface CatalogState {
  meta: CatalogMeta | null
  vocabulary: DiscretionVocabulary | null
}

let metaPromise: Promise<CatalogMeta> | null = null
let vocabPromise: Promise<DiscretionVocabulary> | null = null

function nameIn(list: readonly CodeName[] | undefined, code: string): string {
  return list?.find((o) => o.code === code)?.name ?? code
}

/** 权责清单代码表（事项类型、类别、层级、状态、处罚种类、本辖区的倍数基数、计罚单位、执法领域）与裁量基准代码表的缓存。 */
export const useCatalogStore = defineStore('catalog', {
  state: (): CatalogState => ({ meta: null, vocabulary: null }),
  getters: {
    types: (s) => s.meta?.types ?? [],
    categories: (s) => s.meta?.categories ?? [],
    levels: (s) => s.meta?.levels ?? [],
    statuses: (s) => s.meta?.statuses ?? [],
    penaltyKinds: (s) => s.meta?.penaltyKinds ?? [],
    multipleBases: (s) => s.meta?.multipleBases ?? [],
    units: (s) => s.meta?.units ?? [],
    domains: (s) => (s.meta?.domains ?? []).map((d) => d.name),
    typeName: (s) => (code: string) => nameIn(s.meta?.types, code),
  },
  actions: {
    async loadMeta(): Promise<CatalogMeta> {
      if (this.meta) return this.meta
      metaPromise ??= getCatalogMeta().finally(() => {
        metaPromise = null
      })
      this.meta = await metaPromise
      return this.meta
    },
    async loadVocabulary(): Promise<DiscretionVocabulary> {
      if (this.vocabulary) return this.vocabulary
      vocabPromise ??= getDiscretionVocabulary().finally(() => {
        vocabPromise = null
      })
      this.vocabulary = await vocabPromise
      return this.vocabulary
    },
    reset(): void {
      this.meta = null
      this.vocabulary = null
    },
  },
})
