/**
 * Holiday notices of the State Council (国务院办公厅关于 YYYY 年部分节假日安排的通知) for calendar tests.
 *
 * 2026: the real notice (2025-11-04), as published on gov.cn / Xinhua — it must read back exactly as the
 * chinese-days package has 2026.
 *
 * 2027: FIXTURE, NOT THE OFFICIAL SCHEDULE. The 2027 notice could not be found when this was written
 * (2026-12; chinese-days issue #44 in April 2026: "国务院还没发布"). These dates follow the lunar calendar
 * (除夕 Fri 2027-02-05, 春节 Sat 2027-02-06) and the shape of the 2026 notice. When the real notice is out,
 * staff paste it into 节假日安排 and this fixture should be replaced by it.
 */
export const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
鼓励单位和个人结合落实带薪年休假等制度，实际形成较长假期，推动错峰出行。节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2025年11月4日`;

/** FIXTURE (see above): New Year and Spring Festival 2027 only. */
export const FIXTURE_NOTICE_2027 = `【测试用虚构示例，不是国务院办公厅的正式通知】
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至13日（农历正月初八、周六）放假调休，共9天。1月31日（周日）、2月20日（周六）上班。`;

export const FIXTURE_PERIODS_2027 = [
  { name: '元旦', from: '2027-01-01', to: '2027-01-03', workdays: [] as string[] },
  { name: '春节', from: '2027-02-05', to: '2027-02-13', workdays: ['2027-01-31', '2027-02-20'] },
];
