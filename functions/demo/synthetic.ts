/**
 * Realistic but invented people and enterprises for demo and load data: valid 统一社会信用代码 and 身份证号
 * (checksums right), common Chinese names, enterprise names by type. Deterministic for a given seed.
 */
import { idNumberCheckChar } from '../../src/shared/id-number.ts';
import type { CityCode, EnterpriseType } from '../../src/shared/labels.ts';
import { usccCheckChar } from '../../src/shared/uscc.ts';

const surnames =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文朴';
const given =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志宏海波峰俊晨阳雪梅琳颖欣悦博文宇浩然子涵思远佳怡雨婷晓东立新春燕春雷';
const places: Record<string, string[]> = {
  '220100': ['长春', '净月', '莲花山', '南湖', '双阳'],
  '220200': ['吉林', '松花湖', '北大壶', '雾凇岛', '万科松花湖'],
  '220300': ['四平', '叶赫', '二龙湖', '山门'],
  '220400': ['辽源', '龙首山', '鸳鸯湖', '东丰'],
  '220500': ['通化', '集安', '高句丽', '五女峰', '辉南'],
  '220600': ['白山', '长白', '临江', '抚松', '靖宇'],
  '220700': ['松原', '查干湖', '前郭', '乾安'],
  '220800': ['白城', '向海', '莫莫格', '嫩江湾', '洮南'],
  '222400': ['延边', '延吉', '图们', '珲春', '敦化', '和龙', '六鼎山'],
  '220581': ['梅河口', '鸡冠山', '海龙湖'],
  CBS: ['长白山', '池北', '池西', '二道白河'],
};
const suffixes: Record<EnterpriseType, string[]> = {
  travel_agency: ['国际旅行社有限公司', '旅行社有限责任公司', '假日旅行社有限公司', '青年旅行社有限公司'],
  scenic_spot: ['风景区管理有限公司', '旅游度假区开发有限公司', '景区运营管理有限公司', '生态旅游区管理处'],
  rural_tourism: ['民俗村旅游专业合作社', '农家乐有限公司', '乡村旅游度假村有限公司', '田园综合体有限公司'],
  star_hotel: ['大酒店有限公司', '国际饭店有限公司', '温泉酒店有限公司', '宾馆有限责任公司'],
};
const provinceCodes: Record<string, string> = { CBS: '222426', '220581': '220581' };

/** A small deterministic random generator (mulberry32), so the same seed gives the same data. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  return { next, int, pick };
}
export type Random = ReturnType<typeof random>;

export function personName(r: Random): string {
  const s = r.pick([...surnames]);
  const g = r.next() < 0.3 ? r.pick([...given]) : r.pick([...given]) + r.pick([...given]);
  return s + g;
}

/** A valid 身份证号 of someone born in `birthYear`, registered in `city` (or elsewhere in Jilin). */
export function idNumber(r: Random, city: string, birthYear: number): string {
  const region =
    provinceCodes[city] ??
    (/^\d{6}$/.test(city) ? city.slice(0, 4) + String(2 + r.int(7)).padStart(2, '0') : '220102');
  const month = String(1 + r.int(12)).padStart(2, '0');
  const day = String(1 + r.int(28)).padStart(2, '0');
  const seq = String(r.int(1000)).padStart(3, '0');
  const first17 = `${region}${birthYear}${month}${day}${seq}`;
  return first17 + (idNumberCheckChar(first17) ?? '0');
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** A valid 统一社会信用代码 of an enterprise (91…) or cooperative (93…) registered in `city`. */
export function uscc(r: Random, city: string, cooperative = false): string {
  const region = /^\d{6}$/.test(city) ? city : '222400';
  let body = '';
  for (let i = 0; i < 9; i++) body += USCC_CHARS[r.int(i === 8 ? 10 : USCC_CHARS.length)];
  const first17 = `${cooperative ? '93' : '91'}${region}${body}`;
  return first17 + (usccCheckChar(first17) ?? '0');
}

export function enterpriseName(r: Random, city: string, type: EnterpriseType): string {
  return `${r.pick(places[city] ?? ['吉林'])}${r.pick(suffixes[type])}`;
}

export function mobile(r: Random): string {
  return `1${r.pick(['39', '38', '37', '58', '59', '86', '87', '35', '50', '89'])}${String(r.int(1e8)).padStart(8, '0')}`;
}

/** Rough share of the province's tourism businesses per unit, so the figures look like Jilin's. */
export const cityWeights: Record<CityCode, number> = {
  '220100': 20,
  '220200': 14,
  '220300': 6,
  '220400': 4,
  '220500': 8,
  '220600': 7,
  '220700': 6,
  '220800': 5,
  '222400': 16,
  '220581': 4,
  CBS: 10,
};
export const typeWeights: Record<EnterpriseType, number> = {
  travel_agency: 35,
  scenic_spot: 25,
  rural_tourism: 25,
  star_hotel: 15,
};
const brands = [
  ...'鑫源 华美 金龙 山水 祥和 锦绣 松涛 白桦 雪域 北国 长青 天池 紫荆 瑞丰 宏达 恒信 嘉禾 兴隆 福源 东方 乐途 悦行 畅游 友谊 和平 新世纪 银河 光明 红叶 枫林 森林 冰雪 温泉 湖光 江城 关东 满韵 朝鲜族 雾凇 鹿鸣'.split(
    ' ',
  ),
];
// Where a synthetic name's place ends and its business suffix starts (leftmost match wins).
const suffixStart =
  /(国际旅行社|假日旅行社|青年旅行社|旅行社|风景区|旅游度假区|景区运营|生态旅游区|民俗村|农家乐|乡村旅游|田园|大酒店|国际饭店|温泉酒店|宾馆)/;

export function weighted<T extends string>(r: Random, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as [T, number][];
  let x = r.next() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [key, w] of entries) {
    x -= w;
    if (x < 0) return key;
  }
  return (entries[entries.length - 1] as [T, number])[0];
}

export function businessName(r: Random, city: string, type: EnterpriseType): string {
  const base = enterpriseName(r, city, type);
  const at = base.search(suffixStart);
  return at > 0 ? `${base.slice(0, at)}${r.pick(brands)}${base.slice(at)}` : base;
}

/** A USCC with at least one letter, so no generated code can be mistaken for an 18-digit ID number in tests. */
export function lettered(r: Random, city: string, cooperative: boolean, taken: Set<string>): string {
  for (;;) {
    const code = uscc(r, city, cooperative);
    if (/[A-Z]/.test(code) && !taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}
