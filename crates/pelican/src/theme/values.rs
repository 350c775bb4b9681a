//! The objects templates see: dates that behave like Python's `datetime`, Pelican's URL
//! wrappers (`Category`, `Tag`, `Author`) and its contents (articles and pages).

use std::cmp::Ordering;
use std::fmt;
use std::sync::{Arc, OnceLock};

use minijinja::value::{DynObject, Enumerator, Object, ObjectRepr, Value};
use minijinja::{Error, ErrorKind, State};

use super::context::EntryData;
use super::url_format::python_str;
use crate::date::PelicanDate;
use crate::strftime::strftime;

/// A `datetime`: `str()` as Python writes it, `.strftime()`, `.isoformat()`, `.year`….
#[derive(Debug, Clone)]
pub(crate) struct DateValue {
    pub(crate) date: PelicanDate,
    /// The zone's name `%Z` writes, when Pelican attached one.
    pub(crate) zone: Option<Arc<str>>,
}

/// A date's fields from the year down, the order Python compares datetimes in.
pub(crate) type Moment = (u16, u8, u8, u8, u8, u8, u32);

pub(crate) fn moment(d: &PelicanDate) -> Moment {
    (d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond)
}

impl Object for DateValue {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let d = &self.date;
        Some(Value::from(match key.as_str()? {
            "year" => u32::from(d.year),
            "month" => u32::from(d.month),
            "day" => u32::from(d.day),
            "hour" => u32::from(d.hour),
            "minute" => u32::from(d.minute),
            "second" => u32::from(d.second),
            "microsecond" => d.microsecond,
            _ => return None,
        }))
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        match method {
            "strftime" => {
                let format = args.first().and_then(Value::as_str).ok_or_else(|| {
                    Error::new(ErrorKind::MissingArgument, "strftime() takes a format")
                })?;
                Ok(Value::from(strftime(&self.date, self.zone.as_deref(), format)))
            }
            "isoformat" => {
                let text = self.date.to_string();
                match args.first().and_then(Value::as_str) {
                    Some(sep) => Ok(Value::from(text.replacen('T', sep, 1))),
                    None => Ok(Value::from(text)),
                }
            }
            "weekday" => Ok(Value::from(crate::strftime::weekday(&self.date) as u32)),
            "isoweekday" => Ok(Value::from(crate::strftime::weekday(&self.date) as u32 + 1)),
            "date" => {
                let mut date = self.date;
                (date.hour, date.minute, date.second, date.microsecond) = (0, 0, 0, 0);
                date.utc_offset = None;
                Ok(Value::from_object(DateValue { date, zone: None }))
            }
            _ => Err(Error::from(ErrorKind::UnknownMethod)),
        }
    }

    fn custom_cmp(self: &Arc<Self>, other: &DynObject) -> Option<Ordering> {
        let other = other.downcast_ref::<Self>()?;
        Some(moment(&self.date).cmp(&moment(&other.date)))
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&python_str(&self.date))
    }
}

/// The `strftime` filter Pelican registers: `{{ article.date|strftime('%d %B %Y') }}`.
pub(crate) fn strftime_filter(value: Value, format: &str) -> Result<Value, Error> {
    match value.downcast_object_ref::<DateValue>() {
        Some(date) => Ok(Value::from(strftime(&date.date, date.zone.as_deref(), format))),
        None => Err(Error::new(ErrorKind::InvalidOperation, "strftime needs a date")),
    }
}

/// Which of Pelican's URL wrappers a [`NamedValue`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WrapperKind {
    Category,
    Tag,
    Author,
}

/// A `Category`, `Tag` or `Author`: shows as its name, compares by its slug.
#[derive(Debug, Clone)]
pub(crate) struct NamedValue {
    pub(crate) kind: WrapperKind,
    pub(crate) name: String,
    pub(crate) slug: String,
    pub(crate) url: String,
    pub(crate) save_as: String,
}

impl Object for NamedValue {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        Some(Value::from(match key.as_str()? {
            "name" => self.name.as_str(),
            "slug" => self.slug.as_str(),
            "url" => self.url.as_str(),
            "save_as" => self.save_as.as_str(),
            _ => return None,
        }))
    }

    fn custom_cmp(self: &Arc<Self>, other: &DynObject) -> Option<Ordering> {
        let other = other.downcast_ref::<Self>()?;
        if self.kind != other.kind {
            return None;
        }
        Some(self.slug.cmp(&other.slug))
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// An article or a page: `str()` is its source path, as Pelican's `Content` gives it.
#[derive(Debug)]
pub(crate) struct ContentValue {
    pub(crate) data: EntryData,
    /// Computed when a template first asks: most pages never show other posts' summaries.
    pub(crate) summary: OnceLock<String>,
}

impl Object for ContentValue {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let key = key.as_str()?;
        if key == "summary" {
            return Some(Value::from(self.summary.get_or_init(|| self.data.summary()).as_str()));
        }
        self.data.attribute(key)
    }

    fn custom_cmp(self: &Arc<Self>, other: &DynObject) -> Option<Ordering> {
        let other = other.downcast_ref::<Self>()?;
        Some(self.data.source_path.cmp(&other.data.source_path))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::NonEnumerable
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.data.source_path)
    }
}
