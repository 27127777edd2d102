// (b) 张秋镇执法队员只能看到本镇人员；按地址打开阎楼镇人员显示“不存在或无权查看”。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, columnTexts, launchBrowser, newPage, shot, uiLogin, waitRows } from '../lib.mjs'

describe('辖区隔离：officer.zhangqiu', () => {
  let browser
  let yanlouPerson
  let zhangqiuTotal

  before(async () => {
    browser = await launchBrowser()
    const admin = await apiAs('admin')
    const offices = await admin('GET', `/orgs?kind=township_office&regionCode=371521101000&pageSize=50`)
    assert.equal(offices.status, 200, JSON.stringify(offices.body))
    const office = offices.body.items.find((o) => o.name.includes('阎楼镇'))
    assert.ok(office, '找不到阎楼镇综合行政执法办公室')
    const people = await admin('GET', `/people?orgId=${encodeURIComponent(office.id)}&subtree=true&pageSize=5`)
    assert.equal(people.status, 200, JSON.stringify(people.body))
    yanlouPerson = people.body.items[0]
    assert.ok(yanlouPerson, '阎楼镇没有人员')

    const zq = await apiAs('officer.zhangqiu')
    const mine = await zq('GET', '/people?pageSize=500')
    assert.equal(mine.status, 200)
    zhangqiuTotal = mine.body.total
    assert.ok(zhangqiuTotal > 0, '张秋镇应有人员')
    const denied = await zq('GET', `/people/${encodeURIComponent(yanlouPerson.id)}`)
    assert.equal(denied.status, 404)
    assert.equal(denied.body.error.code, 'NOT_FOUND')
  })
  after(async () => {
    await browser?.close()
  })

  it('人员列表只含张秋镇人员', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'officer.zhangqiu')
      await page.goto('/people?pageSize=100')
      await waitRows(page, 'people-table')
      const post = await columnTexts(page, 'people-table', '编制所在单位')
      const work = await columnTexts(page, 'people-table', '实际工作单位')
      assert.ok(post.length > 0)
      post.forEach((p, i) => {
        const both = `${p} ${work[i]}`
        assert.match(both, /张秋镇/, `第${i + 1}行不属于张秋镇：${both}`)
        assert.doesNotMatch(both, /阎楼镇/)
      })
      const names = await columnTexts(page, 'people-table', '姓名')
      assert.ok(!names.includes(yanlouPerson.name) || post.every((p) => !p.includes('阎楼')))
      const totalText = await page.locator('.el-pagination__total').innerText()
      assert.match(totalText, new RegExp(`\\b${zhangqiuTotal}\\b`))
      await shot(page, 'people-zhangqiu')
    } finally {
      await context.close()
    }
  })

  it('按地址打开阎楼镇人员显示不存在或无权查看', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'officer.zhangqiu')
      await page.goto(`/people/${encodeURIComponent(yanlouPerson.id)}`)
      await page.getByTestId('not-found').getByText('不存在或无权查看').waitFor()
      assert.equal(await page.getByText(yanlouPerson.idNumberMasked).count(), 0)
      await shot(page, 'person-out-of-jurisdiction')
    } finally {
      await context.close()
    }
  })
})
