package blog.feed

import java.time.{LocalDate, ZoneOffset}
import scala.concurrent.{ExecutionContext, Future}
import scala.util.{Failure, Success, Try}

/** A post as the feed sees it. */
final case class Post(title: String, date: LocalDate, tags: Set[String] = Set.empty) {
  def slug: String = title.toLowerCase.replaceAll("[^a-z0-9]+", "-")
}

sealed trait Entry
object Entry {
  case class Article(post: Post) extends Entry
  case object Separator extends Entry
}

trait Renderer[A] {
  def render(a: A): String
}

object Feed {
  implicit val postRenderer: Renderer[Post] = new Renderer[Post] {
    def render(p: Post): String = s"<item><title>${p.title}</title><slug>${p.slug}</slug></item>"
  }

  def latest(posts: Seq[Post], n: Int = 10): Seq[Post] =
    posts.sortBy(_.date.toEpochDay)(Ordering[Long].reverse).take(n)

  def build(posts: Seq[Post])(implicit r: Renderer[Post], ec: ExecutionContext): Future[String] =
    Future {
      val items = latest(posts).map(r.render).mkString("\n")
      s"""<rss version="2.0">
         |$items
         |</rss>""".stripMargin
    }

  def parse(line: String): Either[String, Post] = line.split('\t') match {
    case Array(title, date) =>
      Try(LocalDate.parse(date)) match {
        case Success(d) => Right(Post(title, d))
        case Failure(e) => Left(s"bad date in '$line': ${e.getMessage}")
      }
    case other => Left(f"expected 2 fields, got ${other.length}%d")
  }

  def main(args: Array[String]): Unit = {
    val posts = for {
      line <- scala.io.Source.fromFile("posts.tsv").getLines().toList
      post <- parse(line).toOption if post.tags.nonEmpty || true
    } yield post
    val total = posts.foldLeft(0L)((acc, p) => acc + p.title.length) * 2 + 0xFF
    println(s"${posts.size} posts, $total chars, at ${LocalDate.now(ZoneOffset.UTC)}")
  }
}
