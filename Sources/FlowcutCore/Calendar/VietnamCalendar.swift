/// The working calendar of Vietnam's public administration, as a calendar
/// file (CalendarFile): working hours 07:00–11:30 and 13:30–17:00 (8 h),
/// Saturdays and Sundays off, and the public holidays of 2018–2030.
///
/// The days off are those of the Labour Code (Bộ luật Lao động 2019, art.
/// 112: Tết Dương lịch; five days of Tết Nguyên đán; Giỗ Tổ Hùng Vương;
/// 30/4; 1/5; 2/9 and a day beside it; from 2026 also 24/11, Ngày Văn hóa
/// Việt Nam), a holiday on a weekend moved to the next working day, and the
/// days the government swapped against a Saturday worked. The lunar dates
/// and the swaps are listed, not computed: they follow python-holidays (the
/// `holidays` package on PyPI, which records the government's yearly
/// notices), and scripts/check-holidays.py holds every line against it;
/// years not yet announced follow the Labour Code's rule. The Vietnamese
/// lunar calendar is reckoned at UTC+7 and the Chinese at UTC+8, and in 2030
/// they part: Tết is on 2 February here, 3 February in China.
public enum VietnamCalendar {
    /// The calendar itself.
    public static let calendar: WorkingCalendar = {
        switch CalendarFile.parse(text) {
        case .success(let calendar): return calendar
        case .failure: return WorkingCalendar(name: "Vietnam", sessions: [.init(start: 7 * 3600, end: 17 * 3600)], weekend: [6, 7])
        }
    }()

    /// Its text, to print and edit.
    public static let text = """
        # The working calendar of Vietnam's public administration (flowcut's built-in).
        # Edit a copy and pass it with --calendar FILE.
        #   hours    working sessions of a day
        #   weekend  weekdays off (mon tue wed thu fri sat sun)
        #   cutoff   a dossier received after this time starts the next working morning
        #            (off by default: the clock starts at receipt)
        #   years    the years whose holidays are listed below
        #   off      a day off, or a range FIRST..LAST, and its name
        #   work     a weekend day worked (làm bù), and its name
        name Việt Nam
        zone +07:00
        hours 07:00-11:30 13:30-17:00
        weekend sat sun
        years 2018..2030

        # 2018
        off 2018-01-01  Tết Dương lịch
        off 2018-02-14..2018-02-20  Tết Nguyên đán
        off 2018-04-25  Giỗ Tổ Hùng Vương
        off 2018-04-30  Ngày Chiến thắng 30/4
        off 2018-05-01  Ngày Quốc tế Lao động 1/5
        off 2018-09-02  Quốc khánh 2/9
        off 2018-09-03  Quốc khánh 2/9 (nghỉ bù)
        off 2018-12-31  nghỉ hoán đổi (làm bù thứ Bảy 05/01/2019)
        work 2019-01-05  làm bù cho ngày 31/12/2018
        # 2019
        off 2019-01-01  Tết Dương lịch
        off 2019-02-04..2019-02-08  Tết Nguyên đán
        off 2019-04-14  Giỗ Tổ Hùng Vương
        off 2019-04-15  Giỗ Tổ Hùng Vương (nghỉ bù)
        off 2019-04-29  nghỉ hoán đổi (làm bù thứ Bảy 04/05/2019)
        off 2019-04-30  Ngày Chiến thắng 30/4
        off 2019-05-01  Ngày Quốc tế Lao động 1/5
        work 2019-05-04  làm bù cho ngày 29/04/2019
        off 2019-09-02  Quốc khánh 2/9
        # 2020
        off 2020-01-01  Tết Dương lịch
        off 2020-01-23..2020-01-29  Tết Nguyên đán
        off 2020-04-02  Giỗ Tổ Hùng Vương
        off 2020-04-30  Ngày Chiến thắng 30/4
        off 2020-05-01  Ngày Quốc tế Lao động 1/5
        off 2020-09-02  Quốc khánh 2/9
        # 2021
        off 2021-01-01  Tết Dương lịch
        off 2021-02-10..2021-02-16  Tết Nguyên đán
        off 2021-04-21  Giỗ Tổ Hùng Vương
        off 2021-04-30  Ngày Chiến thắng 30/4
        off 2021-05-01  Ngày Quốc tế Lao động 1/5
        off 2021-05-03  Ngày Quốc tế Lao động 1/5 (nghỉ bù)
        off 2021-09-02  Quốc khánh 2/9
        off 2021-09-03  Quốc khánh 2/9 (ngày liền kề)
        # 2022
        off 2022-01-01  Tết Dương lịch
        off 2022-01-03  Tết Dương lịch (nghỉ bù)
        off 2022-01-31..2022-02-04  Tết Nguyên đán
        off 2022-04-10  Giỗ Tổ Hùng Vương
        off 2022-04-11  Giỗ Tổ Hùng Vương (nghỉ bù)
        off 2022-04-30  Ngày Chiến thắng 30/4
        off 2022-05-01  Ngày Quốc tế Lao động 1/5
        off 2022-05-02  Ngày Chiến thắng 30/4 (nghỉ bù)
        off 2022-05-03  Ngày Quốc tế Lao động 1/5 (nghỉ bù)
        off 2022-09-01  Quốc khánh 2/9 (ngày liền kề)
        off 2022-09-02  Quốc khánh 2/9
        # 2023
        off 2023-01-01  Tết Dương lịch
        off 2023-01-02  Tết Dương lịch (nghỉ bù)
        off 2023-01-20..2023-01-26  Tết Nguyên đán
        off 2023-04-29  Giỗ Tổ Hùng Vương
        off 2023-04-30  Ngày Chiến thắng 30/4
        off 2023-05-01  Ngày Quốc tế Lao động 1/5
        off 2023-05-02  Giỗ Tổ Hùng Vương (nghỉ bù)
        off 2023-05-03  Ngày Chiến thắng 30/4 (nghỉ bù)
        off 2023-09-01  Quốc khánh 2/9 (ngày liền kề)
        off 2023-09-02  Quốc khánh 2/9
        off 2023-09-04  Quốc khánh 2/9 (nghỉ bù)
        # 2024
        off 2024-01-01  Tết Dương lịch
        off 2024-02-08..2024-02-14  Tết Nguyên đán
        off 2024-04-18  Giỗ Tổ Hùng Vương
        off 2024-04-29  nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)
        off 2024-04-30  Ngày Chiến thắng 30/4
        off 2024-05-01  Ngày Quốc tế Lao động 1/5
        work 2024-05-04  làm bù cho ngày 29/04/2024
        off 2024-09-02  Quốc khánh 2/9
        off 2024-09-03  Quốc khánh 2/9 (ngày liền kề)
        # 2025
        off 2025-01-01  Tết Dương lịch
        off 2025-01-27..2025-02-01  Tết Nguyên đán
        off 2025-04-07  Giỗ Tổ Hùng Vương
        work 2025-04-26  làm bù cho ngày 02/05/2025
        off 2025-04-30  Ngày Chiến thắng 30/4
        off 2025-05-01  Ngày Quốc tế Lao động 1/5
        off 2025-05-02  nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)
        off 2025-09-01  Quốc khánh 2/9 (ngày liền kề)
        off 2025-09-02  Quốc khánh 2/9
        # 2026
        off 2026-01-01  Tết Dương lịch
        off 2026-02-16..2026-02-20  Tết Nguyên đán
        off 2026-04-26  Giỗ Tổ Hùng Vương
        off 2026-04-27  Giỗ Tổ Hùng Vương (nghỉ bù)
        off 2026-04-30  Ngày Chiến thắng 30/4
        off 2026-05-01  Ngày Quốc tế Lao động 1/5
        work 2026-08-22  làm bù cho ngày 31/08/2026
        off 2026-08-31  nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)
        off 2026-09-01  Quốc khánh 2/9 (ngày liền kề)
        off 2026-09-02  Quốc khánh 2/9
        off 2026-11-24  Ngày Văn hóa Việt Nam 24/11
        # 2027
        off 2027-01-01  Tết Dương lịch
        off 2027-02-04..2027-02-10  Tết Nguyên đán
        off 2027-04-16  Giỗ Tổ Hùng Vương
        off 2027-04-30  Ngày Chiến thắng 30/4
        off 2027-05-01  Ngày Quốc tế Lao động 1/5
        off 2027-05-03  Ngày Quốc tế Lao động 1/5 (nghỉ bù)
        off 2027-09-02  Quốc khánh 2/9
        off 2027-09-03  Quốc khánh 2/9 (ngày liền kề)
        off 2027-11-24  Ngày Văn hóa Việt Nam 24/11
        # 2028
        off 2028-01-01  Tết Dương lịch
        off 2028-01-03  Tết Dương lịch (nghỉ bù)
        off 2028-01-24..2028-01-29  Tết Nguyên đán
        off 2028-04-04  Giỗ Tổ Hùng Vương
        off 2028-04-30  Ngày Chiến thắng 30/4
        off 2028-05-01  Ngày Quốc tế Lao động 1/5
        off 2028-05-02  Ngày Chiến thắng 30/4 (nghỉ bù)
        off 2028-09-01  Quốc khánh 2/9 (ngày liền kề)
        off 2028-09-02  Quốc khánh 2/9
        off 2028-09-04  Quốc khánh 2/9 (nghỉ bù)
        off 2028-11-24  Ngày Văn hóa Việt Nam 24/11
        # 2029
        off 2029-01-01  Tết Dương lịch
        off 2029-02-12..2029-02-16  Tết Nguyên đán
        off 2029-04-23  Giỗ Tổ Hùng Vương
        off 2029-04-30  Ngày Chiến thắng 30/4
        off 2029-05-01  Ngày Quốc tế Lao động 1/5
        off 2029-09-02  Quốc khánh 2/9
        off 2029-09-03  Quốc khánh 2/9 (ngày liền kề)
        off 2029-09-04  Quốc khánh 2/9 (nghỉ bù)
        off 2029-11-24  Ngày Văn hóa Việt Nam 24/11
        off 2029-11-26  Ngày Văn hóa Việt Nam 24/11 (nghỉ bù)
        # 2030
        off 2030-01-01  Tết Dương lịch
        off 2030-01-31..2030-02-06  Tết Nguyên đán
        off 2030-04-12  Giỗ Tổ Hùng Vương
        off 2030-04-30  Ngày Chiến thắng 30/4
        off 2030-05-01  Ngày Quốc tế Lao động 1/5
        off 2030-09-02  Quốc khánh 2/9
        off 2030-09-03  Quốc khánh 2/9 (ngày liền kề)
        off 2030-11-24  Ngày Văn hóa Việt Nam 24/11
        off 2030-11-25  Ngày Văn hóa Việt Nam 24/11 (nghỉ bù)
        """
}
