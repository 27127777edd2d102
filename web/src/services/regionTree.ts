// 区划树懒加载：根节点为本人辖区（parent 为空），逐级按 parent 取下级。

import type { LoadFunction, TreeNodeData } from 'element-plus'
import { listRegions } from '@/api/regions'
import { showError } from '@/composables/feedback'

export const regionTreeProps = {
  label: 'name',
  isLeaf: (data: TreeNodeData) => Number(data.childCount) === 0,
}

export const loadRegionNode: LoadFunction = (node, resolve) => {
  const parent = node.level === 0 ? '' : String((node.data as TreeNodeData).code)
  listRegions({ parent, page: 1, pageSize: 500 })
    .then((res) => resolve(res.items))
    .catch((e: unknown) => {
      showError(e)
      resolve([])
    })
}
