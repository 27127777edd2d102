import { defineStore } from 'pinia'
import { fetchMeta } from '@/api/meta'
import type { Meta, OrgTreeNode } from '@/api/types'
import { getOrgTree } from '@/api/orgs'
import { roleName } from '@/utils/roles'
import { single } from '@/utils/async'

interface MetaState {
  meta: Meta | null
  orgTree: OrgTreeNode[] | null
}

const fetchMetaOnce = single(fetchMeta)
const fetchTreeOnce = single(getOrgTree)

/** 字典数据（机构类型、执法领域、编制类型、角色、权限）与机构树的缓存。 */
export const useMetaStore = defineStore('meta', {
  state: (): MetaState => ({ meta: null, orgTree: null }),
  getters: {
    orgKinds: (s) => s.meta?.orgKinds ?? [],
    domains: (s) => s.meta?.domains ?? [],
    postTypes: (s) => s.meta?.postTypes ?? [],
    roles: (s) => s.meta?.roles ?? [],
    permissions: (s) => s.meta?.permissions ?? [],
    /** 三员角色：其账号的变更须由另一名管理员审批。 */
    administrators: (s) => s.meta?.administrators ?? [],
    roleName: (s) => (code: string) => roleName(code, s.meta?.roles),
  },
  actions: {
    async load(): Promise<Meta> {
      if (this.meta) return this.meta
      this.meta = await fetchMetaOnce()
      return this.meta
    },
    async loadOrgTree(force = false): Promise<OrgTreeNode[]> {
      if (this.orgTree && !force) return this.orgTree
      this.orgTree = (await fetchTreeOnce()) ?? []
      return this.orgTree
    },
    reset(): void {
      this.meta = null
      this.orgTree = null
    },
  },
})
