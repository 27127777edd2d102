import { describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import PortalShell from '@/components/PortalShell.vue'
import type { PublicSite } from '@/api/types'

const shell = (site: PublicSite | null) =>
  mount(PortalShell, {
    props: { platformName: '阳谷县综合行政执法一体化平台', regionName: '阳谷县', site },
    global: { stubs: { RouterLink: RouterLinkStub } },
  })

const real: PublicSite = {
  sponsor: '阳谷县人民政府办公室',
  siteCode: '3715210001',
  icp: '鲁ICP备12345678号-1',
  policeRecord: '鲁公网安备 37152102000101号',
  demo: false,
}

describe('公众门户页脚', () => {
  it('shows the site identification government websites carry', () => {
    const w = shell(real)
    const footer = w.get('[data-testid="portal-footer"]').text()
    for (const s of ['主办单位：阳谷县人民政府办公室', '网站标识码：3715210001', '鲁ICP备12345678号-1', '鲁公网安备 37152102000101号']) {
      expect(footer).toContain(s)
    }
    expect(w.get('[data-testid="site-icp"]').attributes('href')).toBe('https://beian.miit.gov.cn/')
    expect(w.get('[data-testid="site-police"]').attributes('href')).toContain('recordcode=37152102000101')
    expect(w.find('[data-testid="site-demo"]').exists()).toBe(false)
  })

  it('marks the demo values and links them nowhere', () => {
    const w = shell({ ...real, sponsor: '阳谷县综合行政执法局', siteCode: '3715210000', demo: true })
    expect(w.get('[data-testid="site-demo"]').text()).toContain('演示')
    expect(w.get('[data-testid="site-icp"]').element.tagName).toBe('SPAN')
    expect(w.get('[data-testid="site-police"]').element.tagName).toBe('SPAN')
  })

  it('falls back to the region as sponsor when no site is configured', () => {
    const w = shell(null)
    expect(w.get('[data-testid="site-sponsor"]').text()).toBe('主办单位：阳谷县')
    expect(w.find('[data-testid="site-code"]').exists()).toBe(false)
  })
})
