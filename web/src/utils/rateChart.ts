// 处置指标的柱状图（ECharts 按需引入）：只在处置指标页以动态 import 载入，不进入其他页面的代码。
import * as echarts from 'echarts/core'
import { BarChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent, DataZoomComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer])

export interface RateSeries {
  name: string
  values: (number | null)[]
  color: string
}

export interface RateChart {
  update(names: string[], series: RateSeries[]): void
  resize(): void
  dispose(): void
}

/** 在 el 上画按单位（或乡镇）分组的百分数柱状图（值为 0–100）。 */
export function createRateChart(el: HTMLElement): RateChart {
  const chart = echarts.init(el, undefined, { renderer: 'canvas' })
  return {
    update(names, series) {
      const many = names.length > 12
      chart.setOption(
        {
          animation: false,
          tooltip: {
            trigger: 'axis',
            axisPointer: { type: 'shadow' },
            valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—'),
          },
          legend: { top: 0 },
          grid: { left: 48, right: 16, top: 36, bottom: many ? 96 : 72 },
          xAxis: {
            type: 'category',
            data: names,
            axisLabel: { interval: 0, rotate: names.length > 5 ? 35 : 0, width: 110, overflow: 'truncate', fontSize: 11 },
          },
          yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
          dataZoom: many ? [{ type: 'slider', height: 16, bottom: 4, startValue: 0, endValue: 11 }] : [],
          series: series.map((s) => ({
            name: s.name,
            type: 'bar',
            barMaxWidth: 28,
            itemStyle: { color: s.color },
            data: s.values.map((v) => (v === null || v === undefined ? '-' : v)),
            label: { show: names.length <= 8, position: 'top', fontSize: 11, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? `${p.value}%` : '') },
          })),
        },
        { notMerge: true },
      )
    },
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  }
}
